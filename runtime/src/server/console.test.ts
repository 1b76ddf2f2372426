/**
 * Console lines of a function running on isolated-vm's threads (here: after an await) are handed
 * to the host without waiting for it (HostBridge.logLater), yet each still belongs to its own
 * request, in order, ahead of that request's record, and survives the isolate being stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InvocationRecord } from "../metering/types.ts";
import type { LogEntry } from "../protocol/index.ts";
import { fn, request, servedEngine, tenant, waitFor } from "../../test/helpers.ts";

const HOST = "chatty.c.edge.localhost";
let port = 0;
const records: InvocationRecord[] = [];
const logs: LogEntry[] = [];
/** How many lines each request had when its record was written. */
const linesAtRecord: number[] = [];
const served = servedEngine({
  meter: {
    record: (r) => {
      records.push(r);
      linesAtRecord.push(logs.length);
    },
    log: (l) => logs.push(l),
  },
});

beforeAll(async () => {
  port = await served.start([tenant("c", "c")], [await fn("c", "chatty", "chatty-async.js")]);
});

afterAll(() => served.stop());

const linesOf = (requestId: unknown): string[] => logs.filter((l) => l.requestId === requestId).map((l) => l.message);

describe("console lines from isolated-vm's threads", () => {
  it("keep their order and their request, and come before the request's record", async () => {
    const ids: unknown[] = [];
    // One after another, then two at once: each request's lines are its own.
    for (const tag of ["a", "b"]) ids.push((await request(port, HOST, `/?lines=300&tag=${tag}`)).headers["x-request-id"]);
    const both = await Promise.all(["c", "d"].map((tag) => request(port, HOST, `/?lines=300&tag=${tag}`)));
    ids.push(...both.map((r) => r.headers["x-request-id"]));
    await waitFor(() => records.length >= 4, 5000, "four records");
    ids.forEach((id, i) => {
      const tag = "abcd"[i]!;
      expect(linesOf(id)).toEqual(Array.from({ length: 300 }, (_, n) => `${tag} line ${n}`));
    });
    expect(logs.every((l) => l.status === 200)).toBe(true);
    // Every line was there when the record that carries it was written.
    expect(linesAtRecord.slice(0, 4)).toEqual([300, 600, linesAtRecord[2], 1200]);
    expect(linesAtRecord[2]).toBeGreaterThanOrEqual(900);
  });

  it("keeps the lines written before a loop the CPU limit stops", async () => {
    const r = await request(port, HOST, "/?lines=3&tag=e&loop=1");
    expect(r.status).toBe(503);
    expect(JSON.parse(r.body)).toMatchObject({ error: "cpu_limit_exceeded" });
    const id = r.headers["x-request-id"];
    await waitFor(() => linesOf(id).length >= 4, 5000, "the lines and the limit event");
    const mine = logs.filter((l) => l.requestId === id);
    expect(mine.filter((l) => l.message.startsWith("e line")).map((l) => l.message)).toEqual(["e line 0", "e line 1", "e line 2"]);
    expect(mine.some((l) => l.message.startsWith("Limit exceeded: cpu"))).toBe(true);
  });
});
