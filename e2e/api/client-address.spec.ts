import http from "node:http";
import { expect, test } from "@playwright/test";
import { admin } from "../helpers";

// The console's own server (scripts/console-server.ts) takes the client's address from the socket.
// Requests here leave from other loopback addresses (127.0.0.0/8 all reaches this machine), so the
// per-address sign-in limit they use up is not the one the other tests sign in under.
function login(from: string, email: string, password: string, headers: Record<string, string> = {}): Promise<number> {
  const body = JSON.stringify({ email, password });
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: Number(process.env.E2E_PORT), path: "/api/v1/auth/login", method: "POST", localAddress: from, agent: false, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers } },
      (res) => res.resume().on("end", () => resolve(res.statusCode!)),
    );
    req.on("error", reject).end(body);
  });
}

test("the sign-in limit per client address holds whatever address the client claims", async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 21; i++) {
    // A fresh claimed address, in every header a client might try, and a fresh account each time
    // (so the per-account limit stays out of it).
    const claimed = `198.51.100.${i + 1}`;
    statuses.push(await login("127.0.0.77", `nobody-${i}@e2e.test`, "wrong-password", { "x-forwarded-for": claimed, "x-edgefn-client-address": claimed, "x-real-ip": claimed }));
  }
  expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
  expect(statuses[20]).toBe(429);
  // Another address is not affected: the admin signs in from it.
  expect(await login("127.0.0.78", admin.email, admin.password)).toBe(200);
});
