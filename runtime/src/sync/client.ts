/** HTTP client for the console's internal runtime API; every response is checked with zod. */
import { ChangesResponse, IngestResponse, Snapshot, type Heartbeat, type LogBatch, type MetricsBatch } from "../protocol/index.ts";

const PREFIX = "/api/internal/runtime";

export class ConsoleError extends Error {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

export class ConsoleClient {
  readonly #base: string;
  readonly #token: () => string | null;

  constructor(baseUrl: string, token: () => string | null) {
    this.#base = baseUrl;
    this.#token = token;
  }

  async #call(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    const token = this.#token();
    if (!token) throw new ConsoleError("no runtime token yet (RUNTIME_TOKEN or DATA_DIR/secrets/runtime-token)", 0);
    const res = await fetch(`${this.#base}${PREFIX}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
    const text = await res.text();
    if (!res.ok) throw new ConsoleError(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 200)}`, res.status);
    return text ? (JSON.parse(text) as unknown) : null;
  }

  /** Full state (first start, or after the console says our revision is too old). */
  async snapshot(signal?: AbortSignal): Promise<Snapshot> {
    return Snapshot.parse(await this.#call("GET", "/snapshot", undefined, signal));
  }

  /** Long-poll: resolves when changes after `after` exist or the console's ~25 s hold ends. */
  async changes(after: number, signal?: AbortSignal): Promise<ChangesResponse> {
    return ChangesResponse.parse(await this.#call("GET", `/changes?after=${after}`, undefined, signal));
  }

  /** Bounded: the syncer waits for it before polling again. */
  async heartbeat(hb: Heartbeat): Promise<void> {
    await this.#call("POST", "/heartbeat", hb, AbortSignal.timeout(5_000));
  }

  async metrics(batch: MetricsBatch): Promise<{ duplicate: boolean }> {
    return IngestResponse.parse(await this.#call("POST", "/metrics", batch));
  }

  async logs(batch: LogBatch): Promise<{ duplicate: boolean }> {
    return IngestResponse.parse(await this.#call("POST", "/logs", batch));
  }
}
