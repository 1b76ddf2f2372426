/** Serves a small HTML page built from the request. */
export const htmlPage = `const escape = (s: string) => s.replace(/[&<>"']/g, (c) => \`&#\${c.charCodeAt(0)};\`);

export default {
  async fetch(request: Request, env: Record<string, string>): Promise<Response> {
    const url = new URL(request.url);
    const name = escape(url.searchParams.get("name") ?? "world");
    const title = escape(env.SITE_TITLE ?? "My edge page");
    const html = \`<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>\${title}</title></head>
  <body style="font-family: system-ui; max-width: 40rem; margin: 4rem auto">
    <h1>Hello, \${name}!</h1>
    <p>Rendered at the edge on \${new Date().toUTCString()}.</p>
  </body>
</html>\`;
    return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
  },
};
`;
