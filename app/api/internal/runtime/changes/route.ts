import { getChanges } from "@/lib/services/runtime/get-changes";
import { runtimeRoute } from "@/lib/http/handler";

export const dynamic = "force-dynamic";

// Long-poll: held open up to ~25 s; a runtime that hangs up ends the wait through req.signal.
export const GET = runtimeRoute(async ({ ctx, req }) =>
  getChanges({ ctx, input: Object.fromEntries(new URL(req.url).searchParams), abort: req.signal }),
);
