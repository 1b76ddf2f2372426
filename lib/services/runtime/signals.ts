import type { Client } from "pg";
import { env } from "@/lib/env";
import type { Change } from "@/runtime/src/protocol";
import { getDb } from "@/lib/db";
import { CHANGES_CHANNEL } from "./append-change";

/**
 * Wake-ups for long-polls in this process. They are hints, never the source of truth: a woken
 * waiter re-reads the database, and every wait is bounded, so a lost signal costs at most one
 * poll interval. Sources: `signal()` called by services after their transaction commits, and
 * PostgreSQL notifications on CHANGES_CHANNEL (delivered on commit, by PGlite's listen() in the
 * embedded case and by a LISTEN connection when DATABASE_URL is set), which also covers changes
 * committed by other services or other console replicas.
 */
export type SignalName = "change" | "heartbeat";

type State = {
  waiters: Map<SignalName, Set<() => void>>;
  /** Changes this process committed last, by revision (see changeCommitted). */
  recent: Map<number, Change>;
  listeningOn?: unknown;
  pgClient?: Client;
};
// On globalThis: `next dev` reloads modules, and two copies of this state would miss each other.
const g = globalThis as unknown as { __edgefnSignals?: State };
const state: State = (g.__edgefnSignals ??= { waiters: new Map(), recent: new Map() });
const RECENT_CHANGES = 16;

/** Wakes every waiter of `name` in this process. */
export function signal(name: SignalName): void {
  const set = state.waiters.get(name);
  if (!set) return;
  state.waiters.delete(name);
  for (const wake of set) wake();
}

/**
 * Call after the transaction that appended `change` has committed: wakes the long-polls, and one
 * that asks for exactly the revision after its own is answered from memory, without a query
 * (the change is what the transaction wrote, so this is the committed truth, not a hint).
 */
export function changeCommitted(change: Change): void {
  state.recent.set(change.revision, change);
  if (state.recent.size > RECENT_CHANGES) state.recent.delete(state.recent.keys().next().value!);
  signal("change");
}

/** The change committed in this process at `revision`, if it is among the last few. */
export function committedChange(revision: number): Change | undefined {
  return state.recent.get(revision);
}

/** Resolves on the next `signal(name)`, after `ms`, or when `abort` fires, whichever is first. */
export function waitForSignal(name: SignalName, ms: number, abort?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (abort?.aborted || ms <= 0) return resolve();
    let set = state.waiters.get(name);
    if (!set) state.waiters.set(name, (set = new Set()));
    const done = () => {
      clearTimeout(timer);
      abort?.removeEventListener("abort", done);
      state.waiters.get(name)?.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    abort?.addEventListener("abort", done);
    set.add(done);
  });
}

type PgliteLike = { listen: (channel: string, cb: (payload: string) => void) => Promise<unknown> };

/**
 * Subscribes once per database handle to CHANGES_CHANNEL. Failures are logged and retried on the
 * next call: the bounded poll keeps long-polls correct meanwhile.
 */
export async function ensureChangeListener(): Promise<void> {
  const db = await getDb();
  const client = (db as unknown as { $client?: unknown }).$client;
  if (!client || state.listeningOn === client) return;
  state.listeningOn = client;
  try {
    if (typeof (client as Partial<PgliteLike>).listen === "function") {
      await (client as PgliteLike).listen(CHANGES_CHANNEL, () => signal("change"));
      return;
    }
    const url = env().DATABASE_URL;
    if (!url) return;
    const pg = await import("pg");
    // A dedicated connection: LISTEN is per session and a pooled session is handed to others.
    const c = new pg.default.Client({ connectionString: url });
    c.on("notification", () => signal("change"));
    // A lost connection (database restart, idle kill) is re-opened by the next long-poll.
    const lost = (why: string) => {
      if (state.pgClient !== c) return;
      console.warn(`change listener connection lost (${why}); polling until the next long-poll reconnects`);
      if (state.listeningOn === client) state.listeningOn = undefined;
      state.pgClient = undefined;
    };
    c.on("error", (err) => lost(err.message));
    c.on("end", () => lost("closed"));
    state.pgClient = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (err) {
      state.pgClient = undefined;
      await c.end().catch(() => {});
      throw err;
    }
    // The listener must not keep a test process or a shutting-down server alive.
    (c as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
  } catch (err) {
    console.warn("could not LISTEN for config changes; polling instead", err);
    state.listeningOn = undefined;
  }
}

/** Closes the LISTEN connection (graceful shutdown and tests). */
export async function stopChangeListener(): Promise<void> {
  const c = state.pgClient;
  state.pgClient = undefined;
  state.listeningOn = undefined;
  await c?.end().catch(() => {});
}

/** How many waiters `name` has in this process (tests use it to know a long-poll is parked). */
export function waiterCount(name: SignalName): number {
  return state.waiters.get(name)?.size ?? 0;
}
