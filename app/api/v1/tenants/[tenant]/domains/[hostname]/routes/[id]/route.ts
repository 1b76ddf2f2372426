import { tenantRoute } from "@/lib/http/handler";
import { deleteRoute } from "@/lib/services/routes/delete-route";

export const dynamic = "force-dynamic";

type P = { tenant: string; hostname: string; id: string };

export const DELETE = tenantRoute<P>(async ({ ctx, params }) => deleteRoute({ ctx, hostname: params.hostname, id: params.id }));
