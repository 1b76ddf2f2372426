import { notFound } from "next/navigation";
import { AdminSidebar } from "@/components/admin/admin-sidebar";
import { HydrateMe } from "@/components/hydrate-me";
import { requireServerMe } from "@/lib/queries/server";

export const dynamic = "force-dynamic";

/** Platform administrators only; to everyone else the admin area does not exist. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const me = await requireServerMe("/admin");
  if (me.user.platformRole !== "admin") notFound();
  return (
    <HydrateMe me={me}>
      <div className="flex min-h-screen">
        <AdminSidebar />
        <main className="min-w-0 flex-1">
          <div className="mx-auto w-full max-w-6xl px-8 py-10">{children}</div>
        </main>
      </div>
    </HydrateMe>
  );
}
