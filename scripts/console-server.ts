// The console's HTTP server (what `npm start` runs instead of `next start`): Next.js's request
// handler behind a node:http server of ours, so that every request carries the client address
// taken from the socket (lib/http/client-address.ts). `next start` passes a client's own
// X-Forwarded-For through, and the sign-in limits per client address keyed on it, so a client
// could pick a fresh address for every guess.
// Usage: PORT=3000 [TRUSTED_PROXIES=10.0.0.0/8,...] node scripts/console-server.ts
import http from "node:http";
import path from "node:path";
import next from "next";
import { compileTrustedProxies, withClientAddress, type TrustProxy } from "../lib/http/client-address.ts";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? 3000);
// As `next start` does; lib/env.ts and better-auth read it.
(process.env as Record<string, string>).NODE_ENV ??= "production";

let trust: TrustProxy;
try {
  trust = compileTrustedProxies(process.env.TRUSTED_PROXIES);
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}

const app = next({ dev: false, dir: root, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer(withClientAddress(trust, handle));
// Idle keep-alive sockets stay open longer than clients keep theirs (browsers, undici, Playwright),
// so a client never reuses a socket the server is closing at that moment (ECONNRESET).
server.keepAliveTimeout = 65_000;
server.listen(port, () => console.log(`console listening on http://localhost:${port}`));

function stop(): void {
  server.close();
  server.closeIdleConnections();
  void app.close().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
