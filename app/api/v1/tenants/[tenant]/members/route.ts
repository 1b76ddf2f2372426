import { tenantRoute } from "@/lib/http/handler";
import { listMembers } from "@/lib/services/members/list-members";

export const dynamic = "force-dynamic";

export const GET = tenantRoute(async ({ ctx }) => listMembers({ ctx }));
