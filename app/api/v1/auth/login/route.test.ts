import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getAuth } from "@/lib/auth";
import { getDb, schema } from "@/lib/db";
import { call, createUser } from "@/lib/test/fixtures";
import { GET as me } from "../../me/route";
import { DELETE as revoke } from "../../tokens/[id]/route";
import { GET as listTokens, POST as createToken } from "../../tokens/route";
import { POST as signup } from "../signup/route";
import { POST as login } from "./route";

describe("REST authentication", () => {
  it("logs in with email and password and returns a working bearer token", async () => {
    const u = await createUser({ email: "Script@Example.test" });
    const res = await call(login, { body: { email: "script@example.test", password: u.password } });
    expect(res.status).toBe(200);
    const token = res.json.token as string;
    expect(token).toMatch(/^efn_/);
    expect((await call(me, { token })).json.user).toMatchObject({ email: "script@example.test" });
  });

  it("refuses a wrong password or unknown email with the same 401", async () => {
    const u = await createUser();
    const wrong = await call(login, { body: { email: u.email, password: "nope-nope-nope" } });
    const unknown = await call(login, { body: { email: "ghost@example.test", password: "whatever1" } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json.error?.message).toBe(unknown.json.error?.message);
    const missing = await call(login, { body: { email: u.email } });
    expect(missing.status).toBe(400);
    expect(missing.json.error?.issues?.[0]?.path).toBe("password");
  });

  it("stores passwords and tokens only as hashes", async () => {
    const u = await createUser({ password: "plain-text-password" });
    const res = await call(login, { body: { email: u.email, password: "plain-text-password" } });
    const token = res.json.token as string;
    const db = await getDb();
    const [acct] = await db.select().from(schema.accounts).where(eq(schema.accounts.userId, u.id));
    expect(acct!.password).not.toContain("plain-text-password");
    expect(acct!.password!.length).toBeGreaterThan(40);
    const rows = await db.select().from(schema.apiTokens).where(eq(schema.apiTokens.userId, u.id));
    const everything = JSON.stringify(rows);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(token.slice(12));
  });

  it("creates, lists and revokes named tokens; a revoked token is refused", async () => {
    const u = await createUser();
    const login1 = await call(login, { body: { email: u.email, password: u.password } });
    const session = login1.json.token as string;
    const created = await call(createToken, { token: session, body: { name: "ci deploys", expiresInDays: 30 } });
    expect(created.status).toBe(201);
    const ci = created.json.token as string;
    const listed = await call(listTokens, { token: ci });
    expect(JSON.stringify(listed.json)).not.toContain(ci);
    expect(listed.json.tokens).toContainEqual(expect.objectContaining({ name: "ci deploys" }));
    expect((await call(revoke, { token: session, params: { id: created.json.id as string }, method: "DELETE" })).status).toBe(204);
    const after = await call(me, { token: ci });
    expect(after.status).toBe(401);
    const other = await createUser();
    const foreign = await call(revoke, { token: await (await call(login, { body: { email: other.email, password: other.password } })).json.token as string, params: { id: created.json.id as string }, method: "DELETE" });
    expect(foreign.status).toBe(404);
  });

  it("signs up over REST; a duplicate email gets 409 and writes nothing", async () => {
    const first = await call(signup, { body: { name: "Ann", email: "ann@example.test", password: "long-enough-pw" } });
    expect(first.status).toBe(201);
    const dup = await call(signup, { body: { name: "Ann 2", email: "ANN@example.test", password: "long-enough-pw" } });
    expect(dup.status).toBe(409);
    const short = await call(signup, { body: { name: "Bob", email: "bob@example.test", password: "short" } });
    expect(short.status).toBe(400);
    expect(short.json.error?.issues?.[0]?.path).toBe("password");
    const db = await getDb();
    expect(await db.select().from(schema.users).where(eq(schema.users.email, "ann@example.test"))).toHaveLength(1);
    expect(await db.select().from(schema.users).where(eq(schema.users.email, "bob@example.test"))).toHaveLength(0);
  });
});

describe("login rate limit", () => {
  /** Statuses of `n` wrong-password sign-ins to fresh accounts (`prefix`-i), the i-th with headers(i). */
  async function failedSignIns(n: number, prefix: string, headers: (i: number) => Record<string, string>): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < n; i++) statuses.push((await call(login, { body: { email: `${prefix}-${i}@example.test`, password: "wrong-password" }, headers: headers(i) })).status);
    return statuses;
  }
  const limitedAt21st = (statuses: number[]) => expect([statuses.slice(0, 20).every((s) => s === 401), statuses[20]]).toEqual([true, 429]);

  it("answers 429 after too many attempts from one address", async () => {
    limitedAt21st(await failedSignIns(22, "x", () => ({ "x-edgefn-client-address": "203.0.113.9" })));
  });

  it("counts an IPv6 client by its /64, however many of its addresses it uses", async () => {
    limitedAt21st(await failedSignIns(21, "v6", (i) => ({ "x-edgefn-client-address": `2001:db8:77:1:${(i + 1).toString(16)}::1` })));
  });

  it("keys on the address the console's server established, not on the client's X-Forwarded-For", async () => {
    limitedAt21st(await failedSignIns(21, "y", (i) => ({ "x-edgefn-client-address": "203.0.113.10", "x-forwarded-for": `198.51.100.${i}` })));
  });

  it("limits failed guesses at one account however many addresses the client uses", async () => {
    const victim = await createUser();
    const bystander = await createUser();
    // Successful sign-ins do not count.
    for (let i = 0; i < 12; i++) expect((await call(login, { body: { email: victim.email, password: victim.password }, headers: { "x-edgefn-client-address": `192.0.2.${i}` } })).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await call(login, { body: { email: victim.email.toUpperCase(), password: `guess-${i}` }, headers: { "x-edgefn-client-address": `198.51.100.${i}` } });
      statuses.push(r.status);
    }
    expect(statuses.every((s) => s === 401)).toBe(true);
    const limited = await call(login, { body: { email: victim.email, password: victim.password }, headers: { "x-edgefn-client-address": "198.51.100.200" } });
    expect(limited.status).toBe(429);
    expect(limited.json.error?.message).toMatch(/Too many attempts; try again in \d+ s\./);
    // Another account is not affected.
    expect((await call(login, { body: { email: bystander.email, password: bystander.password }, headers: { "x-edgefn-client-address": "198.51.100.201" } })).status).toBe(200);
  });

  it("shares the per-account limit with the browser's sign-in", async () => {
    const victim = await createUser();
    const auth = await getAuth();
    const signIn = async (password: string, xff: string): Promise<Response> =>
      auth.handler(new Request("http://localhost:3000/api/auth/sign-in/email", { method: "POST", headers: { "content-type": "application/json", origin: "http://localhost:3000", "x-edgefn-client-address": xff }, body: JSON.stringify({ email: victim.email, password }) }));
    for (let i = 0; i < 6; i++) expect((await signIn(`guess-${i}`, `203.0.113.${i}`)).status).toBe(401);
    for (let i = 0; i < 4; i++) expect((await call(login, { body: { email: victim.email, password: `rest-guess-${i}` }, headers: { "x-edgefn-client-address": `203.0.113.${50 + i}` } })).status).toBe(401);
    const browser = await signIn(victim.password, "203.0.113.99");
    expect(browser.status).toBe(429);
    expect(((await browser.json()) as { message?: string }).message).toMatch(/Too many attempts/);
    expect((await call(login, { body: { email: victim.email, password: victim.password }, headers: { "x-edgefn-client-address": "203.0.113.98" } })).status).toBe(429);
  });
});
