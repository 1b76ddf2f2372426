import { getSnapshot } from "@/lib/services/runtime/get-snapshot";
import { runtimeRoute } from "../runtime-route";

export const dynamic = "force-dynamic";

export const GET = runtimeRoute(async ({ ctx }) => getSnapshot({ ctx }));
