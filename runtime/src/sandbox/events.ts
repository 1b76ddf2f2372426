/** DOMException, Event, EventTarget, AbortController and AbortSignal (DOM standard). */
const CODES: Record<string, number> = {
  IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5, NoModificationAllowedError: 7,
  NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11, SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14,
  InvalidAccessError: 15, TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20, URLMismatchError: 21,
  QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25,
};

export class DOMException extends Error {
  constructor(message = "", name = "Error") {
    super(String(message));
    Object.defineProperty(this, "name", { value: String(name), writable: true, configurable: true, enumerable: false });
  }
  get code(): number {
    return CODES[this.name] ?? 0;
  }
}
for (const [name, code] of Object.entries(CODES)) {
  const constant = name.replace(/Error$/, "").replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase() + "_ERR";
  Object.defineProperty(DOMException, constant, { value: code, enumerable: true });
}

export interface EventInit {
  bubbles?: boolean;
  cancelable?: boolean;
  composed?: boolean;
}

export class Event {
  readonly type: string;
  readonly bubbles: boolean;
  readonly cancelable: boolean;
  readonly composed: boolean;
  readonly timeStamp = Date.now();
  readonly isTrusted = false;
  defaultPrevented = false;
  target: EventTarget | null = null;
  currentTarget: EventTarget | null = null;
  _stop = false;
  _dispatching = false;
  static readonly NONE = 0;
  static readonly AT_TARGET = 2;

  constructor(type: string, init: EventInit = {}) {
    if (arguments.length === 0) throw new TypeError("The event type is required");
    this.type = String(type);
    this.bubbles = Boolean(init.bubbles);
    this.cancelable = Boolean(init.cancelable);
    this.composed = Boolean(init.composed);
  }
  get eventPhase(): number {
    return this._dispatching ? 2 : 0;
  }
  get srcElement(): EventTarget | null {
    return this.target;
  }
  preventDefault(): void {
    if (this.cancelable) this.defaultPrevented = true;
  }
  stopPropagation(): void {}
  stopImmediatePropagation(): void {
    this._stop = true;
  }
  composedPath(): EventTarget[] {
    return this._dispatching && this.currentTarget ? [this.currentTarget] : [];
  }
}

export class CustomEvent<T = unknown> extends Event {
  readonly detail: T | null;
  constructor(type: string, init: EventInit & { detail?: T } = {}) {
    super(type, init);
    this.detail = init.detail ?? null;
  }
}

type Listener = ((event: Event) => void) | { handleEvent(event: Event): void };
interface Entry {
  listener: Listener;
  capture: boolean;
  once: boolean;
  passive: boolean;
  removed: boolean;
}
type Options = boolean | { capture?: boolean; once?: boolean; passive?: boolean; signal?: AbortSignal };

export class EventTarget {
  #listeners = new Map<string, Entry[]>();

  addEventListener(type: string, listener: Listener | null, options: Options = {}): void {
    if (listener === null || listener === undefined) return;
    const o = typeof options === "boolean" ? { capture: options } : options;
    if (o.signal?.aborted) return;
    const list = this.#listeners.get(type) ?? [];
    const capture = Boolean(o.capture);
    if (list.some((e) => e.listener === listener && e.capture === capture)) return;
    const entry: Entry = { listener, capture, once: Boolean(o.once), passive: Boolean(o.passive), removed: false };
    list.push(entry);
    this.#listeners.set(type, list);
    o.signal?.addEventListener("abort", () => this.removeEventListener(type, listener, { capture }));
  }

  removeEventListener(type: string, listener: Listener | null, options: boolean | { capture?: boolean } = {}): void {
    const capture = typeof options === "boolean" ? options : Boolean(options.capture);
    const list = this.#listeners.get(type);
    if (!list) return;
    const i = list.findIndex((e) => e.listener === listener && e.capture === capture);
    if (i >= 0) {
      list[i]!.removed = true;
      list.splice(i, 1);
    }
  }

  dispatchEvent(event: Event): boolean {
    if (!(event instanceof Event)) throw new TypeError("Failed to execute 'dispatchEvent': parameter 1 is not of type 'Event'");
    if (event._dispatching) throw new DOMException("The event is already being dispatched", "InvalidStateError");
    event.target = this;
    event.currentTarget = this;
    event._dispatching = true;
    try {
      for (const entry of [...(this.#listeners.get(event.type) ?? [])]) {
        if (entry.removed) continue;
        if (entry.once) this.removeEventListener(event.type, entry.listener, { capture: entry.capture });
        try {
          if (typeof entry.listener === "function") entry.listener.call(this, event);
          else entry.listener.handleEvent(event);
        } catch (e) {
          reportError(e);
        }
        if (event._stop) break;
      }
    } finally {
      event._dispatching = false;
      event.currentTarget = null;
    }
    return !event.defaultPrevented;
  }
}

/** Errors thrown by listeners are reported, never propagated (DOM "report the exception"). */
export function reportError(e: unknown): void {
  (globalThis as { console?: { error(...a: unknown[]): void } }).console?.error(e);
}

let constructing = false;

export class AbortSignal extends EventTarget {
  #aborted = false;
  #reason: unknown = undefined;
  onabort: ((event: Event) => void) | null = null;

  constructor() {
    if (!constructing) throw new TypeError("Illegal constructor");
    super();
  }
  get aborted(): boolean {
    return this.#aborted;
  }
  get reason(): unknown {
    return this.#reason;
  }
  throwIfAborted(): void {
    if (this.#aborted) throw this.#reason;
  }
  _abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason === undefined ? new DOMException("This operation was aborted", "AbortError") : reason;
    const event = new Event("abort");
    this.onabort?.call(this, event);
    this.dispatchEvent(event);
  }
  static abort(reason?: unknown): AbortSignal {
    const s = newSignal();
    s._abort(reason);
    return s;
  }
  static timeout(ms: number): AbortSignal {
    const s = newSignal();
    const delay = Number(ms);
    if (!Number.isFinite(delay) || delay < 0) throw new TypeError("The timeout must be a non-negative number");
    setTimeout(() => s._abort(new DOMException("The operation timed out.", "TimeoutError")), delay);
    return s;
  }
  static any(signals: Iterable<AbortSignal>): AbortSignal {
    const s = newSignal();
    const list = [...signals];
    for (const x of list) if (!(x instanceof AbortSignal)) throw new TypeError("AbortSignal.any expects AbortSignals");
    const done = list.find((x) => x.aborted);
    if (done) {
      s._abort(done.reason);
      return s;
    }
    for (const x of list) x.addEventListener("abort", () => s._abort(x.reason), { once: true });
    return s;
  }
}

/** Signals are created only through AbortController and the static helpers. */
export function newSignal(): AbortSignal {
  constructing = true;
  try {
    return new AbortSignal();
  } finally {
    constructing = false;
  }
}

export class AbortController {
  #signal: AbortSignal | null = null;
  get signal(): AbortSignal {
    return (this.#signal ??= newSignal());
  }
  abort(reason?: unknown): void {
    this.signal._abort(reason);
  }
}
