import Link from "next/link";
import { Activity, Code2, Gauge, Globe, Settings } from "lucide-react";
import { LogoMark } from "@/components/brand/logo";
import { NavLink } from "./nav-link";
import { TenantSwitcher } from "./tenant-switcher";
import { UserMenu } from "./user-menu";

export function Sidebar({ slug }: { slug: string }) {
  const base = `/${slug}`;
  return (
    <aside className="sticky top-0 flex h-screen w-64 shrink-0 flex-col border-r bg-sidebar">
      <div className="flex items-center gap-1 border-b px-3 py-2.5">
        <Link href="/" aria-label="Edgefn home" className="shrink-0 rounded-md p-1 outline-none focus-visible:ring-2 focus-visible:ring-ring">
          <LogoMark />
        </Link>
        <span aria-hidden className="text-lg font-light text-zinc-300">
          /
        </span>
        <div className="min-w-0 flex-1">
          <TenantSwitcher />
        </div>
      </div>
      <nav aria-label="Tenant" className="flex flex-1 flex-col gap-0.5 overflow-y-auto p-3">
        <NavLink href={`${base}/functions`} icon={<Code2 />}>
          Functions
        </NavLink>
        <NavLink href={`${base}/domains`} icon={<Globe />}>
          Domains
        </NavLink>
        <NavLink href={`${base}/observability`} icon={<Activity />}>
          Observability
        </NavLink>
        <NavLink href={`${base}/usage`} icon={<Gauge />}>
          Usage &amp; billing
        </NavLink>
        <NavLink href={`${base}/settings`} icon={<Settings />}>
          Settings
        </NavLink>
      </nav>
      <div className="border-t p-3">
        <UserMenu />
      </div>
    </aside>
  );
}
