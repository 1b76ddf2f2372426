/** Serves in this very process: one Engine and its public listener (tests, RUNTIME_WORKERS=0). */
import type { RuntimeEnv } from "../env.ts";
import { Watchdog } from "../isolates/watchdog.ts";
import type { MeterSink } from "../metering/types.ts";
import type { EngineLink } from "../node.ts";
import type { PreviewResult, PreviewRun } from "../protocol/preview.ts";
import { runPreview } from "../preview/run-preview.ts";
import type { RuntimeState } from "../routing/state.ts";
import { Engine, engineOptions } from "../server/engine.ts";
import { startHousekeeping } from "../server/housekeeping.ts";
import { PublicServer } from "../server/public.ts";

export class LocalLink implements EngineLink {
  readonly engine: Engine;
  readonly #server: PublicServer;
  readonly #watchdog = new Watchdog();
  readonly #env: RuntimeEnv;
  readonly #sink: MeterSink;
  #stopHousekeeping: () => void = () => undefined;

  constructor(env: RuntimeEnv, sink: MeterSink) {
    this.#env = env;
    this.#sink = sink;
    this.engine = new Engine(engineOptions(env));
    this.#server = new PublicServer(this.engine, { meter: sink, watchdog: this.#watchdog }, { port: env.port, host: env.host, baseDomain: env.baseDomain });
  }

  async start(): Promise<number> {
    this.#stopHousekeeping = startHousekeeping(this.engine, this.#env);
    return this.#server.start();
  }

  replace(state: RuntimeState): Promise<void> {
    return this.engine.reconcile(state);
  }

  changes(state: RuntimeState): Promise<void> {
    return this.engine.reconcile(state);
  }

  preview(job: PreviewRun): Promise<PreviewResult> {
    return runPreview(job, engineOptions(this.#env), this.#watchdog);
  }

  workerCount(): number {
    return 1;
  }

  refusing(): string | null {
    return this.#sink.refusing?.() ?? null;
  }

  workerPids(): number[] {
    return [process.pid];
  }

  appliedRevision(): number {
    return Math.max(0, this.engine.appliedRevision);
  }

  async stop(): Promise<void> {
    this.#stopHousekeeping();
    await this.#server.stop();
    this.#watchdog.stop();
    this.engine.stop();
  }
}
