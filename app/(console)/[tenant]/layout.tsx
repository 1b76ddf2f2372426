import { notFound } from "next/navigation";
import { AlertTriangle } from "lucide-react";
import { QuotaBanner } from "@/components/billing/quota-banner";
import { HydrateMe } from "@/components/hydrate-me";
import { Sidebar } from "@/components/console/sidebar";
import { TenantProvider } from "@/components/console/tenant-context";
import { requireServerMe } from "@/lib/queries/server";

export const dynamic = "force-dynamic";

export default async function TenantLayout({ children, params }: { children: React.ReactNode; params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const me = await requireServerMe(`/${slug}`);
  // Not a member and does not exist look the same, so tenant names do not leak.
  const tenant = me.tenants.find((t) => t.slug === slug);
  if (!tenant) notFound();

  return (
    <HydrateMe me={me}>
      <TenantProvider tenant={tenant}>
        <div className="flex min-h-screen">
          <Sidebar slug={tenant.slug} />
          <main className="min-w-0 flex-1">
            {tenant.status === "suspended" ? (
              <div role="status" className="flex items-center gap-2 border-b border-amber-200 bg-amber-50 px-8 py-2.5 text-sm text-amber-900">
                <AlertTriangle className="size-4 shrink-0" aria-hidden />
                This tenant is suspended by a platform administrator: its functions are not serving and changes are disabled.
              </div>
            ) : null}
            <QuotaBanner />
            <div className="mx-auto w-full max-w-6xl px-8 py-10">{children}</div>
          </main>
        </div>
      </TenantProvider>
    </HydrateMe>
  );
}
