import { authedRoute } from "@/lib/http/handler";
import { getMe } from "@/lib/services/me/get-me";
import { createTenant } from "@/lib/services/tenants/create-tenant";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async ({ ctx }) => ({ tenants: (await getMe({ ctx })).tenants }));

export const POST = authedRoute(async ({ ctx, body }) => {
  const t = await createTenant({ ctx, input: await body() });
  return Response.json({ id: t.id, slug: t.slug, name: t.name, status: t.status, plan: t.plan, createdAt: t.createdAt, role: "owner" }, { status: 201 });
});
