import { and, asc, desc, gt } from "drizzle-orm";
import { z } from "zod";
import { getDb, schema } from "@/lib/db";
import { parseInput, requireRole, type TenantCtx } from "@/lib/services/context";
import { findFunction } from "@/lib/services/functions/find-function";
import { filterWhere, logColumns, LogFilter, type LogView } from "./filters";

const l = schema.functionLogs;

/** `lastEventId` is the id of the last line a reconnecting EventSource saw (its Last-Event-ID header). */
const StreamInput = LogFilter.extend({ lastEventId: z.coerce.number().int().nonnegative().optional().catch(undefined) });
const BACKLOG = 20;
const BATCH = 500;

export type StreamOptions = { pollMs?: number; pingMs?: number };

/** Resolves after `ms`, or at once when the signal aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
}

const event = (log: LogView) => `id: ${log.id}\nevent: log\ndata: ${JSON.stringify(log)}\n\n`;

/**
 * A live tail of one function's logs as server-sent events: the last lines first, then every new
 * line. New lines are found by polling for ids above the last one sent: ids grow with inserts, so
 * nothing is sent twice, and polling works on PGlite as well as PostgreSQL. Ends when `signal` aborts.
 */
export async function streamLogs({ ctx, fn, input, signal, options = {} }: { ctx: TenantCtx; fn: string; input: unknown; signal: AbortSignal; options?: StreamOptions }) {
  requireRole(ctx, "viewer");
  const f = parseInput(StreamInput, input);
  const db = await getDb();
  const row = await findFunction(db, ctx.tenant.id, fn);
  const where = filterWhere(ctx.tenant.id, row.id, f);
  const pollMs = options.pollMs ?? 500;
  const pingMs = options.pingMs ?? 15_000;
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener("abort", onAbort, { once: true });
  const enc = new TextEncoder();

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (s: string) => controller.enqueue(enc.encode(s));
      try {
        // A reconnect resumes after the last line it saw instead of replaying the backlog.
        const backlog =
          f.lastEventId !== undefined ? [] : (await db.select(logColumns).from(l).where(where).orderBy(desc(l.id)).limit(BACKLOG)).reverse();
        // Every matching line up to now is in the backlog or older than it, so ids above its last are new.
        let last = f.lastEventId ?? backlog.at(-1)?.id ?? 0;
        send(": connected\n\n");
        backlog.forEach((log) => send(event(log)));
        let lastPing = Date.now();
        while (!stop.signal.aborted) {
          await pause(pollMs, stop.signal);
          if (stop.signal.aborted) break;
          const fresh = await db.select(logColumns).from(l).where(and(where, gt(l.id, last))).orderBy(asc(l.id)).limit(BATCH);
          for (const log of fresh) send(event(log));
          last = fresh.at(-1)?.id ?? last;
          if (Date.now() - lastPing >= pingMs) {
            send(": ping\n\n");
            lastPing = Date.now();
          }
        }
      } catch (err) {
        if (!stop.signal.aborted) console.error("log stream failed", err);
      } finally {
        signal.removeEventListener("abort", onAbort);
        try {
          controller.close();
        } catch {
          // Already closed by a cancel from the reader.
        }
      }
    },
    cancel() {
      stop.abort();
    },
  });
}
