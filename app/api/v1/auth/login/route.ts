import { publicRoute } from "@/lib/http/handler";
import { login } from "@/lib/services/auth/login";

export const dynamic = "force-dynamic";

export const POST = publicRoute(async ({ req, body, requestId }) =>
  login({ input: await body(), requestId, userAgent: req.headers.get("user-agent") }),
);
