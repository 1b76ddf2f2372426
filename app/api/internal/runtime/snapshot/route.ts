import { getSnapshot } from "@/lib/services/runtime/get-snapshot";
import { runtimeRoute } from "@/lib/http/handler";

export const dynamic = "force-dynamic";

export const GET = runtimeRoute(async ({ ctx }) => getSnapshot({ ctx }));
