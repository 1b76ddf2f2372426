import { tenantRoute } from "@/lib/http/handler";
import { finishRollout } from "@/lib/services/rollouts/finish-rollout";
import { getRollout } from "@/lib/services/rollouts/get-rollout";
import { setRollout } from "@/lib/services/rollouts/set-rollout";

export const dynamic = "force-dynamic";

type P = { tenant: string; function: string };

export const GET = tenantRoute<P>(async ({ ctx, params }) => getRollout({ ctx, fn: params.function }));

export const PUT = tenantRoute<P>(async ({ ctx, params, body }) => setRollout({ ctx, fn: params.function, input: await body() }));

/** Same as POST .../rollout/abort. */
export const DELETE = tenantRoute<P>(async ({ ctx, params }) => finishRollout({ ctx, fn: params.function, how: "aborted" }));
