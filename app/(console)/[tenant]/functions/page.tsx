import type { Metadata } from "next";
import Link from "next/link";
import { Code2, KeyRound } from "lucide-react";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Functions" };

export default async function FunctionsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  return (
    <>
      <PageHeader title="Functions" description="JavaScript and TypeScript handlers that run in their own V8 isolate on every runtime node." />
      <EmptyState
        icon={Code2}
        title="The functions list and editor are not in the console yet"
        action={
          <Button asChild variant="outline">
            <Link href={`/${tenant}/settings/tokens`}>
              <KeyRound />
              Create an API token
            </Link>
          </Button>
        }
      >
        <p>
          This page will list your functions with their live version, routes and status, and open each one in the browser editor. Until it
          ships, deploy functions through the REST API with an API token:
        </p>
        <div className="mx-auto mt-4 max-w-md text-left">
          <CopyField value={`POST /api/v1/tenants/${tenant}/functions`} label="Copy endpoint" testId="functions-endpoint" />
        </div>
      </EmptyState>
    </>
  );
}
