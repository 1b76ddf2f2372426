"use client";

import * as React from "react";
import Link from "next/link";
import { ChevronsUpDown, LogOut, ShieldCheck, LayoutGrid } from "lucide-react";
import { toast } from "sonner";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { signOut } from "@/lib/auth-client";
import { useMe } from "@/lib/queries/me/get-me";
import { cn } from "@/lib/utils";

function initials(name: string, email: string): string {
  const source = name.trim() || email;
  const parts = source.split(/[\s@._-]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts[1]?.[0] ?? "")).toUpperCase();
}

const AVATAR_COLORS = [
  "from-indigo-500 to-violet-500",
  "from-sky-500 to-indigo-500",
  "from-emerald-500 to-teal-600",
  "from-amber-500 to-orange-600",
  "from-rose-500 to-pink-600",
  "from-fuchsia-500 to-purple-600",
];

/** Initials on a colour picked from the email, so the same person always looks the same. */
export function Avatar({ name, email, className }: { name: string; email: string; className?: string }) {
  let hash = 0;
  for (const ch of email) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const color = AVATAR_COLORS[hash % AVATAR_COLORS.length];
  return (
    <span
      aria-hidden
      className={cn("flex size-7 shrink-0 items-center justify-center rounded-full bg-gradient-to-br text-[11px] font-semibold text-white", color, className)}
    >
      {initials(name, email)}
    </span>
  );
}

export async function signOutAndLeave(to = "/login") {
  const res = await signOut();
  if (res.error) {
    toast.error("Could not sign out", { description: res.error.message });
    return;
  }
  // Full navigation: drops every cached query of this user.
  window.location.assign(to);
}

/** The signed-in user: email, admin area (platform admins only), console, sign out. */
export function UserMenu({ context = "console", compact = false }: { context?: "console" | "admin"; compact?: boolean }) {
  const { data } = useMe();
  const user = data?.user;
  if (!user) return null;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        data-testid="user-menu"
        aria-label={compact ? `Account: ${user.email}` : undefined}
        className={cn(
          "flex items-center gap-2.5 rounded-md text-left outline-none hover:bg-zinc-200/50 focus-visible:ring-2 focus-visible:ring-ring data-[state=open]:bg-zinc-200/50",
          compact ? "rounded-full p-0.5" : "w-full px-2 py-1.5",
        )}
      >
        <Avatar name={user.name} email={user.email} />
        {compact ? null : (
          <>
            <span className="grid min-w-0 flex-1 leading-tight">
              <span className="truncate text-sm font-medium">{user.name || user.email}</span>
              <span className="truncate text-xs text-muted-foreground">{user.email}</span>
            </span>
            <ChevronsUpDown className="size-4 shrink-0 text-muted-foreground" aria-hidden />
          </>
        )}
      </DropdownMenuTrigger>
      <DropdownMenuContent
        side={compact ? "bottom" : "top"}
        align={compact ? "end" : "start"}
        className={compact ? "min-w-56" : "w-(--radix-dropdown-menu-trigger-width) min-w-56"}
      >
        <DropdownMenuLabel className="grid gap-0.5">
          <span className="text-foreground">Signed in as</span>
          <span className="truncate font-normal">{user.email}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        {context === "admin" ? (
          <DropdownMenuItem asChild>
            <Link href="/">
              <LayoutGrid />
              Console
            </Link>
          </DropdownMenuItem>
        ) : user.platformRole === "admin" ? (
          <DropdownMenuItem asChild>
            <Link href="/admin/tenants">
              <ShieldCheck />
              Admin
            </Link>
          </DropdownMenuItem>
        ) : null}
        <DropdownMenuItem onSelect={() => void signOutAndLeave()}>
          <LogOut />
          Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
