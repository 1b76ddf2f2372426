/**
 * A minimal pull-based ReadableStream: enough for streaming bodies in both directions
 * (constructor with start/pull/cancel, getReader, async iteration, tee-less). A later issue swaps
 * in a full implementation; everything else in the prelude only uses getReader().read().
 */
export interface UnderlyingSource<T> {
  start?(controller: ReadableStreamDefaultController<T>): void | Promise<void>;
  pull?(controller: ReadableStreamDefaultController<T>): void | Promise<void>;
  cancel?(reason?: unknown): void | Promise<void>;
}

type ReadResult<T> = { done: false; value: T } | { done: true; value: undefined };

export class ReadableStreamDefaultController<T> {
  #stream: ReadableStream<T>;
  constructor(stream: ReadableStream<T>) {
    this.#stream = stream;
  }
  get desiredSize(): number {
    return 1 - this.#stream._queue.length;
  }
  enqueue(chunk: T): void {
    if (this.#stream._closeRequested) throw new TypeError("The stream is closed");
    this.#stream._queue.push(chunk);
    this.#stream._wake();
  }
  close(): void {
    this.#stream._closeRequested = true;
    this.#stream._wake();
  }
  error(reason: unknown): void {
    this.#stream._error = reason ?? new TypeError("stream errored");
    this.#stream._wake();
  }
}

export class ReadableStream<T = Uint8Array> {
  _queue: T[] = [];
  _closeRequested = false;
  _error: unknown = undefined;
  #waiters: (() => void)[] = [];
  #source: UnderlyingSource<T>;
  #controller: ReadableStreamDefaultController<T>;
  #started: Promise<void>;
  #locked = false;
  #pulling = false;

  constructor(source: UnderlyingSource<T> = {}) {
    this.#source = source;
    this.#controller = new ReadableStreamDefaultController<T>(this);
    this.#started = Promise.resolve(source.start?.(this.#controller));
    this.#started.catch((e: unknown) => this.#controller.error(e));
  }

  static from<U>(iterable: Iterable<U> | AsyncIterable<U>): ReadableStream<U> {
    const it = (iterable as AsyncIterable<U>)[Symbol.asyncIterator]?.() ?? (iterable as Iterable<U>)[Symbol.iterator]();
    return new ReadableStream<U>({
      async pull(c) {
        const r = await it.next();
        if (r.done) c.close();
        else c.enqueue(r.value);
      },
    });
  }

  get locked(): boolean {
    return this.#locked;
  }
  _wake(): void {
    const w = this.#waiters;
    this.#waiters = [];
    for (const f of w) f();
  }

  /** Reads one chunk, pulling from the source when the queue is empty. */
  async _read(): Promise<ReadResult<T>> {
    await this.#started;
    for (;;) {
      if (this._error !== undefined) throw this._error;
      if (this._queue.length) return { done: false, value: this._queue.shift()! };
      if (this._closeRequested) return { done: true, value: undefined };
      const woken = new Promise<void>((r) => this.#waiters.push(r));
      if (this.#source.pull && !this.#pulling) {
        this.#pulling = true;
        try {
          await this.#source.pull(this.#controller);
        } catch (e) {
          this.#controller.error(e);
        } finally {
          this.#pulling = false;
        }
        continue;
      }
      await woken;
    }
  }

  async cancel(reason?: unknown): Promise<void> {
    this._closeRequested = true;
    this._queue = [];
    this._wake();
    await this.#source.cancel?.(reason);
  }

  getReader(): ReadableStreamDefaultReader<T> {
    if (this.#locked) throw new TypeError("ReadableStream is locked");
    this.#locked = true;
    return new ReadableStreamDefaultReader<T>(this, () => (this.#locked = false));
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    const reader = this.getReader();
    try {
      for (;;) {
        const r = await reader.read();
        if (r.done) return;
        yield r.value;
      }
    } finally {
      reader.releaseLock();
    }
  }
}

export class ReadableStreamDefaultReader<T> {
  #stream: ReadableStream<T> | null;
  #unlock: () => void;
  constructor(stream: ReadableStream<T>, unlock: () => void) {
    this.#stream = stream;
    this.#unlock = unlock;
  }
  read(): Promise<ReadResult<T>> {
    if (!this.#stream) return Promise.reject(new TypeError("Reader is released"));
    return this.#stream._read();
  }
  releaseLock(): void {
    if (this.#stream) this.#unlock();
    this.#stream = null;
  }
  cancel(reason?: unknown): Promise<void> {
    return this.#stream ? this.#stream.cancel(reason) : Promise.resolve();
  }
  get closed(): Promise<void> {
    return Promise.resolve();
  }
}
