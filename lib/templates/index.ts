import { abTest } from "./ab-test";
import { hello } from "./hello";
import { htmlPage } from "./html-page";
import { jsonApi } from "./json-api";
import { proxy } from "./proxy";
import { redirect } from "./redirect";
import { signedCookie } from "./signed-cookie";

export type Template = { id: string; name: string; description: string; files: Record<string, string>; entry: string };

const one = (id: string, name: string, description: string, source: string): Template => ({ id, name, description, files: { "index.ts": source }, entry: "index.ts" });

/** Starting points offered by the "New function" dialog; each is deployed as version 1. */
export const TEMPLATES: Template[] = [
  one("hello", "Hello world", "Plain-text greeting with the request path.", hello),
  one("json-api", "JSON API with routing", "A route table with params, 404 and 405 answers.", jsonApi),
  one("redirect", "Redirect by country", "302 to a country site from a header or ?country=.", redirect),
  one("ab-test", "A/B test with a cookie", "50/50 split that sticks through a cookie.", abTest),
  one("html-page", "HTML page", "Server-rendered HTML with escaping and an env variable.", htmlPage),
  one("proxy", "Proxy with header rewrite", "Forward to an origin, rewrite headers both ways.", proxy),
  one("signed-cookie", "Signed-cookie check", "HMAC-SHA256 session cookie with crypto.subtle.", signedCookie),
];

export function templateById(id: string): Template {
  return TEMPLATES.find((t) => t.id === id) ?? TEMPLATES[0]!;
}
