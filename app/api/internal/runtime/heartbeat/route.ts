import { recordHeartbeat } from "@/lib/services/runtime/record-heartbeat";
import { runtimeRoute } from "@/lib/http/handler";

export const dynamic = "force-dynamic";

export const POST = runtimeRoute(async ({ ctx, body }) => recordHeartbeat({ ctx, input: await body() }));
