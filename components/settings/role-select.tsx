"use client";

import { ROLE_DESCRIPTIONS } from "@/components/console/role-badge";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { TenantRole } from "@/lib/queries/me/get-me";

const ROLES: TenantRole[] = ["owner", "developer", "viewer"];
const LABEL: Record<TenantRole, string> = { owner: "Owner", developer: "Developer", viewer: "Viewer" };

type RoleSelectProps = {
  id?: string;
  value: TenantRole;
  onChange: (role: TenantRole) => void;
  disabled?: boolean;
  size?: "default" | "sm";
  className?: string;
  "aria-label"?: string;
};

export function RoleSelect({ id, value, onChange, disabled, size, className, "aria-label": ariaLabel }: RoleSelectProps) {
  return (
    <Select value={value} onValueChange={(v) => onChange(v as TenantRole)} disabled={disabled}>
      <SelectTrigger id={id} size={size} className={className} aria-label={ariaLabel}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent className="w-72" align="start">
        {ROLES.map((r) => (
          <SelectItem key={r} value={r} description={ROLE_DESCRIPTIONS[r]}>
            {LABEL[r]}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
