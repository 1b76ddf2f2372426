import { tenantRoute } from "@/lib/http/handler";
import { removeMember } from "@/lib/services/members/remove-member";
import { updateMemberRole } from "@/lib/services/members/update-member-role";

export const dynamic = "force-dynamic";

export const PATCH = tenantRoute<{ tenant: string; memberId: string }>(async ({ ctx, params, body }) =>
  updateMemberRole({ ctx, input: { memberId: params.memberId, body: await body() } }),
);
export const DELETE = tenantRoute<{ tenant: string; memberId: string }>(async ({ ctx, params }) => removeMember({ ctx, input: { memberId: params.memberId } }));
