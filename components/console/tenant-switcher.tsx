"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { Check, ChevronsUpDown, Plus } from "lucide-react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useMe } from "@/lib/queries/me/get-me";
import { RoleBadge } from "./role-badge";
import { useCurrentTenant } from "./tenant-context";

function TenantInitial({ name }: { name: string }) {
  return (
    <span aria-hidden className="flex size-7 shrink-0 items-center justify-center rounded-md border bg-white text-xs font-semibold text-zinc-700 shadow-xs">
      {name.trim().charAt(0).toUpperCase() || "?"}
    </span>
  );
}

/** Switches tenant while staying on the same section (Functions stays Functions). */
export function TenantSwitcher() {
  const current = useCurrentTenant();
  const { data } = useMe();
  const router = useRouter();
  const pathname = usePathname();
  const section = pathname.split("/").slice(2).join("/") || "functions";
  const tenants = data?.tenants ?? [current];

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        data-testid="tenant-switcher"
        aria-label={`Tenant: ${current.name}. Switch tenant`}
        className="flex w-full items-center gap-2.5 rounded-md px-2 py-1.5 text-left outline-none hover:bg-zinc-200/50 focus-visible:ring-2 focus-visible:ring-ring data-[state=open]:bg-zinc-200/50"
      >
        <TenantInitial name={current.name} />
        <span className="grid min-w-0 flex-1 leading-tight">
          <span className="truncate text-sm font-semibold">{current.name}</span>
          <span className="truncate text-xs text-muted-foreground">
            <span className="capitalize">{current.plan}</span> plan
          </span>
        </span>
        <ChevronsUpDown className="size-4 shrink-0 text-muted-foreground" aria-hidden />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-72">
        <DropdownMenuLabel>Tenants</DropdownMenuLabel>
        {tenants.map((t) => (
          <DropdownMenuItem
            key={t.id}
            data-testid={`tenant-option-${t.slug}`}
            onSelect={() => router.push(`/${t.slug}/${section}`)}
            className="gap-2.5"
          >
            <TenantInitial name={t.name} />
            <span className="grid min-w-0 flex-1 leading-tight">
              <span className="truncate font-medium">{t.name}</span>
              <span className="truncate text-xs text-muted-foreground">{t.slug}</span>
            </span>
            <RoleBadge role={t.role} />
            <Check className={t.slug === current.slug ? "text-primary!" : "invisible"} aria-hidden />
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/new">
            <Plus />
            Create tenant
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
