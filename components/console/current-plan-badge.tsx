"use client";

import { Badge } from "@/components/ui/badge";
import { useCurrentTenant } from "./tenant-context";

export function CurrentPlanBadge() {
  const tenant = useCurrentTenant();
  return (
    <Badge variant="outline" className="px-2.5 py-1 text-[13px]" data-testid="plan-badge">
      {tenant.plan.charAt(0).toUpperCase() + tenant.plan.slice(1)} plan
    </Badge>
  );
}
