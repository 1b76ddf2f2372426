"use client";

import Link from "next/link";
import { AlertTriangle } from "lucide-react";
import { useCurrentTenant } from "@/components/console/tenant-context";
import { useUsage } from "@/lib/queries/billing/get-usage";
import { cn } from "@/lib/utils";

/**
 * Warns a tenant's owners on every console page once an allowance or the spend cap reaches 80 %
 * and again at 100 % (or when functions are answering 429). Others never fetch billing data.
 */
export function QuotaBanner() {
  const tenant = useCurrentTenant();
  if (tenant.role !== "owner") return null;
  return <OwnerQuotaBanner slug={tenant.slug} />;
}

function OwnerQuotaBanner({ slug }: { slug: string }) {
  const usage = useUsage(slug, "current");
  const u = usage.data;
  if (!u || (!u.quota && u.warnings.length === 0)) return null;
  const full = Boolean(u.quota) || u.warnings.some((w) => w.level === 100);
  const text = u.quota ? `Functions are answering 429: ${u.quota.message}` : u.warnings.map((w) => w.message).join(" ");
  return (
    <div
      role="status"
      data-testid="quota-banner"
      className={cn("flex items-center gap-2 border-b px-8 py-2.5 text-sm", full ? "border-red-200 bg-red-50 text-red-800" : "border-amber-200 bg-amber-50 text-amber-900")}
    >
      <AlertTriangle className="size-4 shrink-0" aria-hidden />
      <span className="min-w-0 flex-1">{text}</span>
      <Link href={`/${slug}/usage`} className="shrink-0 font-medium underline underline-offset-2">
        Usage &amp; billing
      </Link>
    </div>
  );
}
