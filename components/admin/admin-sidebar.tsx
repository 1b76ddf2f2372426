import Link from "next/link";
import { Activity, ArrowLeft, Building2, Globe, Layers, ScrollText, Users } from "lucide-react";
import { Logo } from "@/components/brand/logo";
import { NavLink } from "@/components/console/nav-link";
import { UserMenu } from "@/components/console/user-menu";
import { Badge } from "@/components/ui/badge";

export function AdminSidebar() {
  return (
    <aside className="sticky top-0 flex h-screen w-64 shrink-0 flex-col border-r bg-sidebar">
      <div className="flex h-[57px] items-center justify-between border-b px-4">
        <Link href="/admin/tenants" className="rounded-md outline-none focus-visible:ring-2 focus-visible:ring-ring">
          <Logo />
        </Link>
        <Badge variant="default">Admin</Badge>
      </div>
      <nav aria-label="Admin" className="flex flex-1 flex-col gap-0.5 overflow-y-auto p-3">
        <p className="px-2.5 pt-1 pb-2 text-[11px] font-medium tracking-wider text-muted-foreground uppercase">Platform</p>
        <NavLink href="/admin/overview" icon={<Activity />}>
          Overview
        </NavLink>
        <NavLink href="/admin/tenants" icon={<Building2 />}>
          Tenants
        </NavLink>
        <NavLink href="/admin/plans" icon={<Layers />}>
          Plans
        </NavLink>
        <NavLink href="/admin/users" icon={<Users />}>
          Users
        </NavLink>
        <NavLink href="/admin/domains" icon={<Globe />}>
          Domains
        </NavLink>
        <NavLink href="/admin/audit" icon={<ScrollText />}>
          Audit log
        </NavLink>
      </nav>
      <div className="grid gap-1 border-t p-3">
        <Link
          href="/"
          className="flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm text-muted-foreground outline-none hover:bg-zinc-200/50 hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
        >
          <ArrowLeft className="size-4" aria-hidden />
          Back to the console
        </Link>
        <UserMenu context="admin" />
      </div>
    </aside>
  );
}
