import { beforeAll, describe, expect, it } from "vitest";
import { api, world } from "@/lib/services/functions/test-support";
import { pushLogs } from "@/lib/services/metrics/test-support";
import { POST as CREATE } from "../../route";
import { GET } from "./route";

let w: Awaited<ReturnType<typeof world>>;
let fnId: string;
const t0 = Date.parse("2026-03-01T12:00:00.000Z");
const at = (i: number) => new Date(t0 + i * 1000).toISOString();

type Log = { id: number; at: string; level: string; message: string; requestId: string; version: number; status: number | null; details: Record<string, unknown> | null };

beforeAll(async () => {
  w = await world();
  fnId = (await api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name: "logger" } })).json.id as string;
  const base = { tenantId: w.tenant.id, functionId: fnId, version: 1 };
  // 30 lines, one a second: every 10th an error with a stack and a 500, the rest info with a 200.
  await pushLogs(
    Array.from({ length: 30 }, (_, i) => ({
      ...base,
      requestId: `req-${i}`,
      at: at(i),
      level: i % 10 === 9 ? "error" : "info",
      message: i % 10 === 9 ? `Uncaught TypeError 100%_sure #${i}` : `hello #${i}`,
      status: i % 10 === 9 ? 500 : 200,
      details: i % 10 === 9 ? { kind: "uncaught", stack: "TypeError: x\n    at fetch (index.ts:1:1)" } : null,
    })),
  );
  await pushLogs([{ tenantId: w.otherTenant.id, functionId: fnId, version: 1, requestId: "foreign", at: at(40), level: "info", message: "hello from elsewhere" }]);
});

const where = () => ({ tenant: w.tenant.slug, function: "logger" });

describe("GET /api/v1/tenants/{tenant}/functions/{function}/logs", () => {
  it("lists newest first with a default page of 100, for a viewer, never another tenant's lines", async () => {
    const r = await api(GET, w.viewer, where());
    expect(r.status).toBe(200);
    const logs = r.json.logs as Log[];
    expect(logs).toHaveLength(30);
    expect(logs[0]).toMatchObject({ message: "Uncaught TypeError 100%_sure #29", requestId: "req-29", level: "error", version: 1, status: 500, at: at(29) });
    expect(logs[1]).toMatchObject({ message: "hello #28", level: "info", status: 200, details: null });
    expect(logs.every((x, i) => i === 0 || x.at <= logs[i - 1]!.at)).toBe(true);
    expect(logs.some((x) => x.requestId === "foreign")).toBe(false);
    expect(r.json.nextBefore).toBeNull();
  });

  it("filters by level, status, text (ILIKE, literal % and _) and time", async () => {
    const errors = (await api(GET, w.viewer, where(), { query: "level=error" })).json.logs as Log[];
    expect(errors.map((x) => x.requestId)).toEqual(["req-29", "req-19", "req-9"]);
    expect(errors[0]!.details).toEqual({ kind: "uncaught", stack: expect.stringContaining("at fetch") });
    expect(((await api(GET, w.viewer, where(), { query: "status=5xx" })).json.logs as Log[]).length).toBe(3);
    expect(((await api(GET, w.viewer, where(), { query: "status=200" })).json.logs as Log[]).length).toBe(27);
    expect(((await api(GET, w.viewer, where(), { query: "q=TYPEERROR" })).json.logs as Log[]).length).toBe(3);
    expect(((await api(GET, w.viewer, where(), { query: `q=${encodeURIComponent("100%_sure")}` })).json.logs as Log[]).length).toBe(3);
    expect(((await api(GET, w.viewer, where(), { query: `q=${encodeURIComponent("1%e")}` })).json.logs as Log[]).length).toBe(0);
    const window = (await api(GET, w.viewer, where(), { query: `from=${at(10)}&to=${at(14)}` })).json.logs as Log[];
    expect(window.map((x) => x.requestId)).toEqual(["req-14", "req-13", "req-12", "req-11", "req-10"]);
  });

  it("pages with before=<id> until nextBefore is null, without gaps or repeats", async () => {
    const seen: string[] = [];
    let before: number | null = null;
    for (let page = 0; page < 10; page++) {
      const r = await api(GET, w.viewer, where(), { query: `limit=7${before ? `&before=${before}` : ""}` });
      seen.push(...(r.json.logs as Log[]).map((x) => x.requestId));
      before = r.json.nextBefore as number | null;
      if (before === null) break;
    }
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => `req-${29 - i}`));
  });

  it("rejects bad filters with 400 naming the field", async () => {
    for (const [query, field] of [["level=fatal", "level"], ["from=yesterday", "from"], ["to=2026-13-45", "to"], ["limit=1001", "limit"], ["limit=0", "limit"], ["status=abc", "status"], ["before=x", "before"]]) {
      const r = await api(GET, w.viewer, where(), { query });
      expect(r.status, query).toBe(400);
      expect(r.json.error?.issues?.[0]?.path).toBe(field);
    }
  });

  it("answers 404 to a member of another tenant, by token and by session", async () => {
    for (const who of [{ token: w.outsider.token }, { cookie: w.outsider.cookie }]) {
      expect((await api(GET, who, where())).status).toBe(404);
    }
    expect((await api(GET, w.viewer, { ...where(), function: "nope" })).status).toBe(404);
  });
});
