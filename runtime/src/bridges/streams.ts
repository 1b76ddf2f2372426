/**
 * Host-side streams the isolate pulls from by numeric id (request bodies, fetch response bodies).
 * Only ids and copied bytes cross the boundary; the Node streams never do.
 */
export type ReadResult = Uint8Array | null | { error: string };

export class HostStreams {
  #next = 1;
  #streams = new Map<number, AsyncIterator<Uint8Array>>();

  /** Registers a source of chunks and returns the id the isolate will read with. */
  add(source: AsyncIterable<Uint8Array>): number {
    const id = this.#next++;
    this.#streams.set(id, source[Symbol.asyncIterator]());
    return id;
  }

  /** Next chunk as a fresh Uint8Array (copied across), null at the end. Never rejects. */
  async read(id: number): Promise<ReadResult> {
    const it = this.#streams.get(id);
    if (!it) return null;
    try {
      const r = await it.next();
      if (r.done) {
        this.#streams.delete(id);
        return null;
      }
      const v = r.value;
      return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    } catch (e) {
      this.#streams.delete(id);
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }

  /** Stops a stream; `byHost` when the host itself gives up on one it sends on (its client went away). */
  cancel(id: number, byHost = false): void {
    const it = this.#streams.get(id);
    this.#streams.delete(id);
    if (it && this.#passing.delete(id) && !byHost) this.#cancelled.add(id);
    it?.return?.().catch(() => undefined);
  }

  /** Streams the host sends on itself (a response's untouched host body), and those of them cancelled. */
  readonly #passing = new Set<number>();
  readonly #cancelled = new Set<number>();

  /**
   * Marks a stream as sent on by the host: should the function cancel it from now on (its fetch's
   * AbortSignal firing), the host's next read says so instead of ending the body early as if whole.
   */
  passOn(id: number): void {
    if (this.#streams.has(id)) this.#passing.add(id);
  }

  /** Every remaining chunk of a stream, joined (an upload the function passes on), up to maxBytes. */
  async readAll(id: number, maxBytes: number): Promise<Uint8Array | { error: string }> {
    const parts: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const r = await this.read(id);
      if (r === null) return Buffer.concat(parts);
      if (!(r instanceof Uint8Array)) return r;
      total += r.length;
      if (total > maxBytes) {
        this.cancel(id);
        return { error: `the body is larger than the function's memory limit (${Math.round(maxBytes / 1024 / 1024)} MB)` };
      }
      parts.push(r);
    }
  }

  /** read() for a stream the host sends on: a cancellation by the function is an error. */
  async readPassed(id: number): Promise<ReadResult> {
    if (this.#cancelled.delete(id)) return { error: "The function aborted this body while it was being sent" };
    const r = await this.read(id);
    if (r === null) this.#passing.delete(id);
    return r;
  }

  /** Cancels every stream (the isolate is going away). */
  clear(): void {
    for (const id of [...this.#streams.keys()]) this.cancel(id);
  }
}
