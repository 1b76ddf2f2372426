/** Splits visitors 50/50 and keeps each one in their group with a cookie. */
export const abTest = `const COOKIE = "ab-group";

function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return undefined;
}

export default {
  async fetch(request: Request): Promise<Response> {
    let group = readCookie(request, COOKIE);
    const isNew = group !== "a" && group !== "b";
    if (isNew) group = crypto.getRandomValues(new Uint8Array(1))[0] < 128 ? "a" : "b";
    const body = group === "a" ? "<h1>Variant A</h1>" : "<h1>Variant B</h1>";
    const headers = new Headers({ "content-type": "text/html; charset=utf-8" });
    if (isNew) headers.append("set-cookie", \`\${COOKIE}=\${group}; Path=/; Max-Age=2592000; SameSite=Lax\`);
    return new Response(body, { headers });
  },
};
`;
