import { authedRoute } from "@/lib/http/handler";
import { getMe } from "@/lib/services/me/get-me";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async ({ ctx }) => getMe({ ctx }));
