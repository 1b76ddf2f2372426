import { beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/services/auth/authenticate";
import { tenantContext } from "@/lib/services/context";
import { api, world } from "@/lib/services/functions/test-support";
import { streamLogs } from "@/lib/services/logs/stream-logs";
import { pushLogs } from "@/lib/services/metrics/test-support";
import { withDeadline } from "@/lib/services/runtime/test-support";
import { POST as CREATE } from "../../../route";
import { GET } from "./route";

let w: Awaited<ReturnType<typeof world>>;
let fnId: string;

const line = (i: number, over: Record<string, unknown> = {}) => ({
  tenantId: w.tenant.id,
  functionId: fnId,
  version: 1,
  requestId: `req-${i}`,
  at: new Date(Date.parse("2026-03-01T12:00:00Z") + i * 1000).toISOString(),
  level: "info" as const,
  message: `line ${i}`,
  ...over,
});

beforeAll(async () => {
  w = await world();
  fnId = (await api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name: "tailed" } })).json.id as string;
  await pushLogs(Array.from({ length: 25 }, (_, i) => line(i)));
});

/** Opens the stream as a browser's EventSource would, and reads events from it as they arrive. */
async function open(who: { token: string }, query = "", headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const req = new Request(`http://localhost:3000/api/v1/tenants/${w.tenant.slug}/functions/tailed/logs/stream${query}`, {
    headers: { authorization: `Bearer ${who.token}`, accept: "text/event-stream", ...headers },
    signal: abort.signal,
  });
  const res = await GET(req, { params: Promise.resolve({ tenant: w.tenant.slug, function: "tailed" }) });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = "";
  const events: { event: string; data: { id: number; requestId: string; message: string; level: string } }[] = [];
  /** Reads until `n` log events have arrived in all, failing after a deadline rather than sleeping. */
  async function until(n: number) {
    await withDeadline(
      (async () => {
        while (events.length < n) {
          const { value, done } = await reader.read();
          if (done) throw new Error("stream ended early");
          buf += decoder.decode(value, { stream: true });
          let cut;
          while ((cut = buf.indexOf("\n\n")) >= 0) {
            const block = buf.slice(0, cut);
            buf = buf.slice(cut + 2);
            const ev = /^event: (.+)$/m.exec(block)?.[1];
            const data = /^data: (.+)$/m.exec(block)?.[1];
            if (ev && data) events.push({ event: ev, data: JSON.parse(data) });
          }
        }
      })(),
      5_000,
      `${n} events`,
    );
    return events;
  }
  return { res, reader, abort, until, events };
}

describe("GET /api/v1/tenants/{tenant}/functions/{function}/logs/stream", () => {
  it("sends the last 20 lines, then new lines as they are stored, and ends on abort", async () => {
    const s = await open(w.viewer);
    expect(s.res.status).toBe(200);
    expect(s.res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const first = await s.until(20);
    expect(first.map((e) => e.data.requestId)).toEqual(Array.from({ length: 20 }, (_, i) => `req-${i + 5}`));
    expect(first.every((e) => e.event === "log")).toBe(true);
    await pushLogs([line(100, { message: "fresh" })]);
    const after = await s.until(21);
    expect(after[20]!.data).toMatchObject({ requestId: "req-100", message: "fresh" });
    s.abort.abort();
    await withDeadline(
      (async () => {
        while (!(await s.reader.read()).done);
      })(),
      5_000,
      "stream end",
    );
  });

  it("resumes after Last-Event-ID on reconnect instead of replaying the backlog", async () => {
    const first = await open(w.viewer);
    const seen = await first.until(20);
    await first.reader.cancel();
    const resumeAfter = seen.find((e) => e.data.requestId === "req-22")!.data.id;
    const s = await open(w.viewer, "", { "last-event-id": String(resumeAfter) });
    const got = await s.until(2);
    expect(got.slice(0, 2).map((e) => e.data.requestId)).toEqual(["req-23", "req-24"]);
    await s.reader.cancel();
  });

  it("applies the level and text filters to the backlog and to new lines", async () => {
    const s = await open(w.viewer, "?level=error&q=BOOM");
    await pushLogs([line(200, { message: "not an error" }), line(201, { level: "error", message: "kaboom here" }), line(202, { level: "error", message: "other" })]);
    const got = await s.until(1);
    expect(got[0]!.data).toMatchObject({ requestId: "req-201", level: "error" });
    await s.reader.cancel();
    expect(s.events).toHaveLength(1);
  });

  it("keeps an idle connection open with ping comments", async () => {
    const actor = (await authenticate(new Headers({ authorization: `Bearer ${w.viewer.token}` })))!;
    const ctx = await tenantContext({ actor, requestId: "test" }, w.tenant.slug);
    const abort = new AbortController();
    const stream = await streamLogs({ ctx, fn: "tailed", input: { level: "warn" }, signal: abort.signal, options: { pollMs: 10, pingMs: 20 } });
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let text = "";
    await withDeadline(
      (async () => {
        while (!text.includes(": ping")) text += decoder.decode((await reader.read()).value, { stream: true });
      })(),
      5_000,
      "a ping",
    );
    expect(text).not.toContain("event: log");
    abort.abort();
    await withDeadline(
      (async () => {
        while (!(await reader.read()).done);
      })(),
      5_000,
      "stream end",
    );
  });

  it("answers 400 for a bad level and 404 to a member of another tenant, by token and by session", async () => {
    const p = { tenant: w.tenant.slug, function: "tailed" };
    const bad = await api(GET, w.viewer, p, { query: "level=loud" });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.issues?.[0]?.path).toBe("level");
    for (const who of [{ token: w.outsider.token }, { cookie: w.outsider.cookie }]) {
      expect((await api(GET, who, p)).status).toBe(404);
    }
    expect((await api(GET, {}, p)).status).toBe(401);
  });
});
