/** Forwards requests to an origin, rewriting request and response headers on the way. */
export const proxy = `export default {
  async fetch(request: Request, env: Record<string, string>): Promise<Response> {
    const origin = env.ORIGIN ?? "https://example.com";
    const url = new URL(request.url);
    const upstream = new URL(url.pathname + url.search, origin);

    const headers = new Headers(request.headers);
    headers.delete("cookie");
    headers.set("x-forwarded-host", url.host);

    const res = await fetch(upstream, { method: request.method, headers, body: request.body, redirect: "manual" });
    const out = new Headers(res.headers);
    out.set("x-proxied-by", "edge-function");
    out.delete("server");
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers: out });
  },
};
`;
