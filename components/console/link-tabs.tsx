"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { tabTriggerClass } from "@/components/ui/tabs";

/** Tabs that are pages: each has its own URL, so reloads and links land on the right tab. */
export function LinkTabs({ tabs, label }: { tabs: { href: string; label: string; exact?: boolean }[]; label: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="mb-8 flex items-center gap-1 border-b">
      {tabs.map((t) => {
        const active = t.exact ? pathname === t.href : pathname === t.href || pathname.startsWith(`${t.href}/`);
        return (
          <Link key={t.href} href={t.href} aria-current={active ? "page" : undefined} className={tabTriggerClass}>
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
