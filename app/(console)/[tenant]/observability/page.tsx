import type { Metadata } from "next";
import { Activity } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Observability" };

export default function ObservabilityPage() {
  return (
    <>
      <PageHeader title="Observability" description="Invocations, latency, errors and logs across your functions." />
      <EmptyState icon={Activity} title="Metrics and logs are not available yet">
        This page will chart invocations by status, p50/p95/p99 latency and CPU time per function, and stream your functions&apos; console
        output and errors. Metrics collection is not wired into the console yet, so no data is shown rather than made-up numbers.
      </EmptyState>
    </>
  );
}
