import type { Metadata } from "next";
import { Globe } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Domains" };

export default function DomainsPage() {
  return (
    <>
      <PageHeader title="Domains" description="Hostnames and path routes that send traffic to your functions." />
      <EmptyState icon={Globe} title="Custom domains are not available yet">
        Here you will attach your own hostnames, map paths to functions and see each route&apos;s status. This part of the platform is not
        built yet, so there is nothing to configure.
      </EmptyState>
    </>
  );
}
