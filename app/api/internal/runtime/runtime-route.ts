import { publicRoute } from "@/lib/http/handler";
import { authenticateRuntime, type RuntimeCtx } from "@/lib/services/runtime/runtime-auth";

type Args = { req: Request; requestId: string; body: () => Promise<unknown>; ctx: RuntimeCtx };

/**
 * A route only runtime nodes may call. Lives beside the internal routes because lib/http belongs
 * to another area; it only adds the runtime-token check to publicRoute's error mapping.
 */
export function runtimeRoute(fn: (args: Args) => Promise<unknown>) {
  return publicRoute(async ({ req, requestId, body }) => fn({ req, requestId, body, ctx: authenticateRuntime(req.headers, requestId) }));
}
