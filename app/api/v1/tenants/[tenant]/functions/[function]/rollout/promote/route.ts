import { tenantRoute } from "@/lib/http/handler";
import { finishRollout } from "@/lib/services/rollouts/finish-rollout";

export const dynamic = "force-dynamic";

type P = { tenant: string; function: string };

export const POST = tenantRoute<P>(async ({ ctx, params }) => finishRollout({ ctx, fn: params.function, how: "promoted" }));
