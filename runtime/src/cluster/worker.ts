/**
 * A worker process: holds isolates and serves public HTTP on the port shared through the primary.
 * Invocation records and logs go to this worker's own journal before each response leaves (see
 * metering/journal.ts), so killing the worker or the primary loses no answered request; the
 * primary collects the segments this worker rotates.
 */
import type { RuntimeEnv } from "../env.ts";
import { Watchdog } from "../isolates/watchdog.ts";
import { Journal, journalDir } from "../metering/journal.ts";
import { applyChanges, emptyState, stateFromSnapshot, type RuntimeState } from "../routing/state.ts";
import { Engine, engineOptions } from "../server/engine.ts";
import { startHousekeeping } from "../server/housekeeping.ts";
import { PublicServer } from "../server/public.ts";
import { runPreview } from "../preview/run-preview.ts";
import type { ToPrimary, ToWorker } from "./messages.ts";

export async function runWorker(env: RuntimeEnv): Promise<void> {
  const send = (m: ToPrimary): void => {
    // With a callback a send to a primary that just died fails quietly (EPIPE) instead of crashing us.
    if (process.connected) process.send!(m, undefined, undefined, () => undefined);
  };
  const sink = new Journal(journalDir(env.dataDir), { maxBacklogBytes: env.journalHeldBytes });
  // A quarter of the primary's flush interval: a line waits at most ~1.25 flushes for the console.
  const flushMeter = setInterval(() => sink.rotate(), Math.max(50, env.flushMs / 4));

  const engine = new Engine(engineOptions(env));
  const watchdog = new Watchdog();
  const server = new PublicServer(engine, { meter: sink, watchdog }, { port: env.port, host: env.host, baseDomain: env.baseDomain });
  const stopHousekeeping = startHousekeeping(engine, env);
  let state: RuntimeState = emptyState();
  let appliedOnce = false;
  // A standby worker warms the same state but only listens when the primary activates it, so a
  // dead worker is replaced in milliseconds instead of a process start (~0.5-1 s under load).
  let active = process.env.EDGE_WORKER_ROLE !== "standby";
  let listening = false;
  const listen = async (): Promise<void> => {
    if (listening) return;
    listening = true;
    await server.start();
    send({ type: "listening" });
  };
  // Messages are applied strictly in order: a snapshot then its changes.
  let queue = Promise.resolve();
  process.on("message", (msg: ToWorker) => {
    if (msg.type === "preview") {
      // Outside the state queue: a test run must not delay (or wait for) a deploy.
      runPreview(msg.job, engineOptions(env), watchdog).then(
        (result) => send({ type: "previewResult", id: msg.id, result }),
        (e: unknown) => send({ type: "previewResult", id: msg.id, error: e instanceof Error ? e.message : String(e) }),
      );
      return;
    }
    if (msg.type === "activate") {
      active = true;
      queue = queue.then(() => (state.revision >= 0 && appliedOnce ? listen() : undefined));
      return;
    }
    queue = queue.then(async () => {
      if (msg.type === "snapshot") state = stateFromSnapshot(msg.snapshot);
      else applyChanges(state, msg.changes, msg.revision);
      await engine.reconcile(state);
      appliedOnce = true;
      // Listen only once the first state is warm, so a fresh worker never answers 404 by mistake.
      if (active) await listen();
      send({ type: "applied", revision: state.revision });
    });
  });
  const stats = setInterval(() => {
    const s = engine.stats();
    send({ type: "stats", heapBytes: process.memoryUsage().heapUsed + s.heapBytes, isolates: s.isolates, refusing: sink.refusing() });
  }, 1000);
  stats.unref();
  flushMeter.unref();

  let shuttingDown = false;
  const shutdown = async (): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    // server.close() needs the primary for a shared handle; never wait on it past 2 s.
    setTimeout(() => process.exit(0), 2000).unref();
    clearInterval(stats);
    stopHousekeeping();
    // Every connection closes now, so nothing more is answered: the journal is complete at once,
    // even if what follows hangs (an orphan's exit can block in isolate teardown).
    const stopped = server.stop();
    clearInterval(flushMeter);
    sink.close();
    await stopped;
    watchdog.stop();
    engine.stop();
    if (process.connected) process.disconnect();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown());
  // node:cluster exits a worker at once when its primary disappears (before our "disconnect"
  // handler runs): close the journal on every way out, so no answered request stays in an open
  // segment. Then die without exit handlers: isolated-vm's teardown can deadlock on an isolate
  // still running a request (seen with orphaned workers stuck in futex waits forever).
  process.once("exit", () => {
    sink.close();
    process.kill(process.pid, "SIGKILL");
  });
  // A worker whose primary died must not linger as an orphan holding isolates and the port.
  process.once("disconnect", () => void shutdown());
  send({ type: "hello" });
}
