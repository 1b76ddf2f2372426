/** A tiny JSON API with a route table and 404/405 answers. */
export const jsonApi = `type Handler = (request: Request, params: Record<string, string>) => Response | Promise<Response>;

const json = (data: unknown, status = 200) =>
  new Response(JSON.stringify(data, null, 2), { status, headers: { "content-type": "application/json" } });

const routes: Record<string, Record<string, Handler>> = {
  "/": { GET: () => json({ ok: true, endpoints: ["GET /items", "GET /items/:id", "POST /echo"] }) },
  "/items": { GET: () => json([{ id: "1", name: "first" }, { id: "2", name: "second" }]) },
  "/items/:id": { GET: (_req, p) => json({ id: p.id, name: \`item \${p.id}\` }) },
  "/echo": { POST: async (req) => json({ received: await req.json() }) },
};

function match(pattern: string, path: string): Record<string, string> | null {
  const a = pattern.split("/");
  const b = path.split("/");
  if (a.length !== b.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    if (a[i].startsWith(":")) params[a[i].slice(1)] = decodeURIComponent(b[i]);
    else if (a[i] !== b[i]) return null;
  }
  return params;
}

export default {
  async fetch(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    for (const [pattern, methods] of Object.entries(routes)) {
      const params = match(pattern, pathname.replace(/\\/$/, "") || "/");
      if (!params) continue;
      const handler = methods[request.method];
      if (!handler) return json({ error: "method not allowed" }, 405);
      return handler(request, params);
    }
    return json({ error: "not found" }, 404);
  },
};
`;
