/** A field-level problem reported by the API with a 400 validation_failed. */
export type ApiIssue = { path: string; message: string };

/** Any non-2xx answer of the REST API, carrying what the API said about it. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId?: string;
  readonly issues: ApiIssue[];
  /** Any other fields of the API's error object, e.g. `errors` of a compile_failed. */
  readonly details: Record<string, unknown>;

  constructor(init: { status: number; code: string; message: string; requestId?: string; issues?: ApiIssue[]; details?: Record<string, unknown> }) {
    super(init.message);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.issues = init.issues ?? [];
    this.details = init.details ?? {};
  }

  /** The message for one form field, matched on the issue path's first segment. */
  issueFor(field: string): string | undefined {
    return this.issues.find((i) => i.path === field || i.path.split(".")[0] === field)?.message;
  }
}

type ErrorBody = { error?: { code?: unknown; message?: unknown; issues?: unknown; [k: string]: unknown }; requestId?: unknown };

function isIssueList(value: unknown): value is ApiIssue[] {
  return Array.isArray(value) && value.every((i) => typeof i === "object" && i !== null && "path" in i && "message" in i);
}

async function toApiError(res: Response): Promise<ApiError> {
  const headerId = res.headers.get("x-request-id") ?? undefined;
  let body: ErrorBody | undefined;
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    body = undefined;
  }
  const err = body?.error;
  const fallback =
    res.status === 404
      ? "This endpoint does not exist yet or the resource was not found."
      : res.status >= 500
        ? "The server had a problem answering. Try again in a moment."
        : `The request failed with status ${res.status}.`;
  return new ApiError({
    status: res.status,
    code: typeof err?.code === "string" ? err.code : "http_error",
    message: typeof err?.message === "string" ? err.message : fallback,
    requestId: typeof body?.requestId === "string" ? body.requestId : headerId,
    issues: isIssueList(err?.issues) ? err.issues : [],
    details: err && typeof err === "object" ? Object.fromEntries(Object.entries(err).filter(([k]) => !["code", "message", "issues"].includes(k))) : {},
  });
}

type FetchJsonInit = Omit<RequestInit, "body"> & { body?: unknown };

/**
 * Calls the console's REST API with the browser session cookie and returns the parsed JSON.
 * Throws ApiError for any non-2xx answer and for network failures (status 0).
 */
export async function fetchJson<T>(path: string, init: FetchJsonInit = {}): Promise<T> {
  const { body, headers, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(path, {
      credentials: "same-origin",
      ...rest,
      headers: { accept: "application/json", ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError({ status: 0, code: "network_error", message: "Could not reach the console. Check your connection and try again." });
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Builds a query string from the defined, non-empty values only. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : "";
}

/** encodeURIComponent for a path segment. */
export const seg = encodeURIComponent;
