/** Lets a request through only with a session cookie signed by HMAC-SHA256 (crypto.subtle). */
export const signedCookie = `// Set COOKIE_SECRET as a secret in the Variables tab. Cookie format: session=<value>.<base64url signature>
const encoder = new TextEncoder();

function base64url(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\\+/g, "-").replace(/\\//g, "_").replace(/=+$/, "");
}

async function sign(secret: string, value: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return base64url(await crypto.subtle.sign("HMAC", key, encoder.encode(value)));
}

function cookie(request: Request, name: string): string | undefined {
  const match = (request.headers.get("cookie") ?? "").match(new RegExp(\`(?:^|;\\\\s*)\${name}=([^;]*)\`));
  return match?.[1];
}

export default {
  async fetch(request: Request, env: Record<string, string>): Promise<Response> {
    const secret = env.COOKIE_SECRET;
    if (!secret) return new Response("COOKIE_SECRET is not set", { status: 500 });
    const url = new URL(request.url);

    if (url.pathname === "/login") {
      const user = url.searchParams.get("user") ?? "guest";
      const value = \`\${user}.\${await sign(secret, user)}\`;
      return new Response(\`Signed in as \${user}\\n\`, {
        headers: { "set-cookie": \`session=\${value}; Path=/; HttpOnly; Secure; SameSite=Lax\` },
      });
    }

    const session = cookie(request, "session");
    const dot = session?.lastIndexOf(".") ?? -1;
    if (!session || dot < 1) return new Response("Unauthorized\\n", { status: 401 });
    const user = session.slice(0, dot);
    if ((await sign(secret, user)) !== session.slice(dot + 1)) return new Response("Bad signature\\n", { status: 401 });
    return new Response(\`Welcome back, \${user}\\n\`);
  },
};
`;
