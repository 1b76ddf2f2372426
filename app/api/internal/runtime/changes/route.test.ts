import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { withTransaction } from "@/lib/services/context";
import { appendChange } from "@/lib/services/runtime/append-change";
import { compactChanges } from "@/lib/services/runtime/compact-changes";
import { changeCommitted, ensureChangeListener, signal, waitForSignal, waiterCount } from "@/lib/services/runtime/signals";
import { auth, until, withDeadline } from "@/lib/services/runtime/test-support";
import { call, createTenantFor, createUser } from "@/lib/test/fixtures";
import { ChangesResponse } from "@/runtime/src/protocol";
import { GET } from "./route";

// Counted, to tell whether the feed reads the database again after the runtime hung up.
vi.mock("@/lib/db", async (original) => {
  const db = await original<typeof import("@/lib/db")>();
  return { ...db, getDb: vi.fn(db.getDb) };
});

const get = (query: string, headers: Record<string, string> = auth()) => call(GET, { path: `/api/internal/runtime/changes?${query}`, headers });

/** The feed's latest revision, following pages (a page holds at most 100 changes). */
async function latestRevision(): Promise<number> {
  let rev = 0;
  for (;;) {
    const page = ChangesResponse.parse((await get(`after=${rev}&timeout=0`)).json);
    if (page.changes.length === 0) return page.revision;
    rev = page.revision;
  }
}

async function deleteFunctionChange(functionId: string, tenantId: string) {
  return withTransaction((tx) => appendChange(tx, { kind: "function.deleted", functionId, tenantId }, tenantId));
}

describe("GET /api/internal/runtime/changes", () => {
  it("returns the changes after a revision, in order, in the protocol's shape", async () => {
    const u = await createUser();
    const t = await createTenantFor(u.id);
    const rev = await deleteFunctionChange("f1", t.id);
    const r = await get("after=0&timeout=0");
    expect(r.status).toBe(200);
    const body = ChangesResponse.parse(r.json);
    expect(body.revision).toBe(rev);
    expect(body.changes.map((c) => c.kind)).toEqual(["tenant.upserted", "function.deleted"]);
    expect(body.changes[0]).toMatchObject({ kind: "tenant.upserted", tenant: { tenantId: t.id, status: "active" } });
    const later = ChangesResponse.parse((await get(`after=${rev - 1}&timeout=0`)).json);
    expect(later.changes).toEqual([{ revision: rev, kind: "function.deleted", functionId: "f1", tenantId: t.id }]);
  });

  it("answers an empty page when nothing is new, and reset when `after` is ahead of the feed", async () => {
    const latest = await latestRevision();
    const empty = ChangesResponse.parse((await get(`after=${latest}&timeout=0`)).json);
    expect(empty).toMatchObject({ revision: latest, changes: [], reset: false });
    const ahead = ChangesResponse.parse((await get(`after=${latest + 100}&timeout=0`)).json);
    expect(ahead).toMatchObject({ revision: latest, changes: [], reset: true });
  });

  it("pages a long backlog without claiming revisions it did not return", async () => {
    const u = await createUser();
    const t = await createTenantFor(u.id);
    const from = await latestRevision();
    await withTransaction(async (tx) => {
      for (let i = 0; i < 130; i++) await appendChange(tx, { kind: "function.deleted", functionId: `bulk-${i}`, tenantId: t.id }, t.id);
    });
    const first = ChangesResponse.parse((await get(`after=${from}&timeout=0`)).json);
    expect(first.changes).toHaveLength(100);
    expect(first.revision).toBe(first.changes[99]!.revision);
    const second = ChangesResponse.parse((await get(`after=${first.revision}&timeout=0`)).json);
    expect(second.changes).toHaveLength(30);
    expect(second.changes.map((c) => (c.kind === "function.deleted" ? c.functionId : "")).at(-1)).toBe("bulk-129");
    expect(second.revision).toBe(second.changes[29]!.revision);
  });

  it("holds the request until a change commits, then returns it", async () => {
    const u = await createUser();
    const t = await createTenantFor(u.id);
    for (const wake of ["in-process signal", "database notification only"] as const) {
      const latest = await latestRevision();
      const poll = get(`after=${latest}`);
      await until(() => waiterCount("change") > 0, 5_000, "long-poll parked");
      const rev = await deleteFunctionChange(`f-${wake}`, t.id);
      if (wake === "in-process signal") signal("change");
      const r = await withDeadline(poll, 3_000, `long-poll woken by ${wake}`);
      expect(r.status).toBe(200);
      expect(ChangesResponse.parse(r.json).changes.map((c) => c.revision)).toEqual([rev]);
    }
  });

  it("wakes listeners through the database notification of the commit alone", async () => {
    const u = await createUser();
    const t = await createTenantFor(u.id);
    await ensureChangeListener();
    const t0 = Date.now();
    // Only a notification ends this wait early: nothing in this test calls signal().
    const woken = waitForSignal("change", 20_000);
    await deleteFunctionChange("f-notified", t.id);
    await woken;
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it("answers the revision right after `after` from what this process committed, and only that one", async () => {
    const u = await createUser();
    const t = await createTenantFor(u.id);
    const first = await deleteFunctionChange("f-db-1", t.id);
    const second = await deleteFunctionChange("f-db-2", t.id);
    // Remembered as committed at `second` with different content: a poll from `first` is served
    // from memory (no query), which is how a deploy reaches the parked long-poll sooner.
    changeCommitted({ kind: "function.deleted", functionId: "f-from-memory", tenantId: t.id, revision: second });
    const fromMemory = ChangesResponse.parse((await get(`after=${first}&timeout=0`)).json);
    expect(fromMemory.changes).toEqual([expect.objectContaining({ revision: second, functionId: "f-from-memory" })]);
    // Any other `after` reads the database.
    const fromDb = ChangesResponse.parse((await get(`after=${first - 1}&timeout=0`)).json);
    expect(fromDb.changes.map((c) => (c.kind === "function.deleted" ? c.functionId : ""))).toEqual(["f-db-1", "f-db-2"]);
  });

  it("ends the wait when the runtime hangs up", async () => {
    const ac = new AbortController();
    const latest = await latestRevision();
    const held = GET(new Request(`http://localhost:3000/api/internal/runtime/changes?after=${latest}`, { headers: auth(), signal: ac.signal }), { params: Promise.resolve({}) });
    await until(() => waiterCount("change") > 0, 5_000, "long-poll parked");
    // Let its first read finish: it is waiting now, and wakes up only to hang up.
    await new Promise((r) => setTimeout(r, 300));
    const reads = vi.mocked(getDb).mock.calls.length;
    ac.abort();
    const res = await withDeadline(held, 3_000, "aborted long-poll");
    expect(res.status).toBe(200);
    expect(ChangesResponse.parse(await res.json()).changes).toEqual([]);
    // No query after the hang-up: at shutdown the pool may already be closed.
    expect(vi.mocked(getDb).mock.calls.length).toBe(reads);
  });

  it("rejects a missing or bad `after` with 400 naming it", async () => {
    for (const q of ["", "after=-1", "after=abc", "after=1&timeout=99999"]) {
      const r = await get(q);
      expect(r.status).toBe(400);
      expect(r.json.error?.code).toBe("validation_failed");
      expect(r.json.error?.issues?.[0]?.path).toMatch(/^(after|timeout)$/);
    }
  });

  it("refuses callers without the runtime token", async () => {
    for (const headers of [{} as Record<string, string>, { authorization: "Bearer wrong-token-wrong-token" }, { authorization: auth().authorization.replace("Bearer", "Basic") }]) {
      const r = await get("after=0&timeout=0", headers);
      expect(r.status).toBe(401);
      expect(r.json.error?.code).toBe("unauthorized");
    }
  });
});

// Last in this file: it compacts the feed the other tests read from revision 0.
describe("change feed compaction", () => {
  it("tells a runtime whose next changes were compacted away to reload the snapshot, and serves the rest as before", async () => {
    const u = await createUser();
    const t = await createTenantFor(u.id);
    for (const id of ["c1", "c2", "c3"]) await deleteFunctionChange(id, t.id);
    const latest = await latestRevision();
    // Everything but the newest row is old enough to go.
    expect((await compactChanges({ keepRows: 1, keepDays: 0, now: new Date(Date.now() + 60_000) })).changes).toBeGreaterThan(2);
    const behind = ChangesResponse.parse((await get("after=0&timeout=0")).json);
    expect(behind).toMatchObject({ reset: true, changes: [], revision: latest });
    const current = ChangesResponse.parse((await get(`after=${latest - 1}&timeout=0`)).json);
    expect(current.reset).toBe(false);
    expect(current.changes).toEqual([{ revision: latest, kind: "function.deleted", functionId: "c3", tenantId: t.id }]);
    // Nothing more to do until the feed grows; rows younger than keepDays are never touched.
    expect((await compactChanges({ keepRows: 1, keepDays: 0, now: new Date(Date.now() + 60_000) })).changes).toBe(0);
    expect((await compactChanges({ keepRows: 0, keepDays: 7 })).changes).toBe(0);
  });
});
