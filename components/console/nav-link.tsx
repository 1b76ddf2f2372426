"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

// The icon is an element, not a component, so that server components can render this link.
type NavLinkProps = { href: string; icon: React.ReactNode; children: React.ReactNode; exact?: boolean };

export function NavLink({ href, icon, children, exact = false }: NavLinkProps) {
  const pathname = usePathname();
  const active = exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={cn(
        "group flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium text-zinc-600 transition-colors outline-none hover:bg-zinc-200/50 hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring",
        active && "bg-white text-foreground shadow-xs ring-1 ring-zinc-200 hover:bg-white",
      )}
    >
      <span
        aria-hidden
        className={cn("flex text-zinc-400 group-hover:text-zinc-600 [&_svg]:size-4 [&_svg]:shrink-0", active && "text-primary group-hover:text-primary")}
      >
        {icon}
      </span>
      {children}
    </Link>
  );
}
