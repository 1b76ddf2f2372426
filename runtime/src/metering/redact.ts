/**
 * Request headers as they may appear in a log line: credentials never leave the runtime. Known
 * credential headers and any header whose name suggests a secret are replaced, not dropped, so the
 * developer still sees that the client sent one.
 */
const SECRET_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "x-auth-token", "x-csrf-token", "x-xsrf-token"]);
const SECRET_NAME = /(auth|token|secret|passw|session|api[-_]?key|signature|credential)/i;
/** Headers per log line: a request with thousands of headers must not blow up a log row. */
const MAX_HEADERS = 64;

export const REDACTED = "[redacted]";

export function redactHeaders(raw: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  let n = 0;
  for (let i = 0; i + 1 < raw.length && n < MAX_HEADERS; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = SECRET_HEADERS.has(name) || SECRET_NAME.test(name) ? REDACTED : raw[i + 1]!.slice(0, 512);
    out[name] = name in out ? `${out[name]}, ${value}` : value;
    n++;
  }
  return out;
}
