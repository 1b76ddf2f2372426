import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";
import type { TenantRole, TenantStatus } from "@/lib/queries/me/get-me";

const ROLE_VARIANT = { owner: "default", developer: "secondary", viewer: "outline" } as const;

export function RoleBadge({ role, className }: { role: TenantRole; className?: string }) {
  return (
    <Badge variant={ROLE_VARIANT[role] ?? "outline"} className={cn("capitalize", className)}>
      {role}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: TenantStatus }) {
  return status === "active" ? (
    <Badge variant="success" dot>
      Active
    </Badge>
  ) : (
    <Badge variant="warning" dot>
      Suspended
    </Badge>
  );
}

export const ROLE_DESCRIPTIONS: Record<TenantRole, string> = {
  owner: "Full access, including members, billing and deletion",
  developer: "Deploy and manage functions, domains and settings",
  viewer: "Read-only access to functions, logs and metrics",
};
