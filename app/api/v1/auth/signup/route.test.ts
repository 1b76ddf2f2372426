import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { call } from "@/lib/test/fixtures";
import { POST as signup } from "./route";

describe("REST sign-up rate limit", () => {
  it("answers 429 past 20 attempts an hour from one address, creating nothing; another address is not affected", async () => {
    const from = (address: string) => ({ "x-edgefn-client-address": address });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await call(signup, { body: { name: `Mass ${i}`, email: `mass-${i}@example.test`, password: "long-enough-pw" }, headers: from("203.0.113.40") })).status);
    expect(statuses).toEqual(Array(20).fill(201));
    const limited = await call(signup, { body: { name: "Mass 20", email: "mass-20@example.test", password: "long-enough-pw" }, headers: from("203.0.113.40") });
    expect(limited.status).toBe(429);
    expect(limited.json.error?.message).toMatch(/Too many attempts; try again in \d+ s\./);
    const db = await getDb();
    expect(await db.select().from(schema.users).where(eq(schema.users.email, "mass-20@example.test"))).toHaveLength(0);
    expect((await call(signup, { body: { name: "Other", email: "other-40@example.test", password: "long-enough-pw" }, headers: from("203.0.113.41") })).status).toBe(201);
  });
});
