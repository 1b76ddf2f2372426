/**
 * The test console's one-off invocation: the console sends a compiled function state (a draft or
 * the live version) and a request to the runtime's internal listener (`POST /preview`, bearer
 * RUNTIME_TOKEN); the runtime runs it once in a fresh isolate through the same engine code as
 * public traffic (tenant limits, egress policy, sealed secrets) and answers with the response and
 * that invocation's console lines. The tenant's limits are the ones the runtime synced for the
 * function's tenant, never taken from the request. Previews are never routed publicly.
 */
import { z } from "zod";
import { FunctionState, type TenantState } from "./index.ts";

/** Largest response body a preview returns; the rest is cut off and `truncated` is set. */
export const PREVIEW_MAX_BODY_BYTES = 256 * 1024;

export const PreviewRequest = z.object({
  method: z.string().regex(/^[A-Z]+$/),
  /** Path plus query string, starting with "/". */
  path: z.string().startsWith("/"),
  /** The Host header the function sees (its public hostname). */
  host: z.string().min(1),
  headers: z.array(z.tuple([z.string(), z.string()])).default([]),
  /** UTF-8 request body, absent for none. */
  body: z.string().optional(),
});
export type PreviewRequest = z.infer<typeof PreviewRequest>;

export const PreviewJob = z.object({
  /** A draft has version 0: it has no version number until it is deployed. */
  function: FunctionState.extend({ version: z.number().int().nonnegative() }),
  /**
   * Absent: only the module's top level runs (a deploy's startup check, which runs nothing the
   * runtime would not run for every new isolate anyway), and the result says whether it started.
   */
  request: PreviewRequest.optional(),
});
export type PreviewJob = z.infer<typeof PreviewJob>;

/** A job with the tenant state this node holds for the function's tenant (what runs it). */
export type PreviewRun = PreviewJob & { tenant: TenantState };

export const PreviewLog = z.object({
  at: z.string(),
  level: z.enum(["debug", "info", "log", "warn", "error"]),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type PreviewLog = z.infer<typeof PreviewLog>;

export const PreviewResult = z.object({
  requestId: z.string(),
  status: z.number().int(),
  headers: z.array(z.tuple([z.string(), z.string()])),
  /** UTF-8 text for textual content types, base64 otherwise. */
  body: z.string(),
  bodyEncoding: z.enum(["utf8", "base64"]),
  /** Bytes of body the function produced (up to the cap plus one chunk). */
  bodyBytes: z.number().int().nonnegative(),
  truncated: z.boolean(),
  wallMs: z.number().nonnegative(),
  cpuMs: z.number().nonnegative(),
  logs: z.array(PreviewLog),
  /**
   * The module's top level threw (or ran past its startup budget): the error's message and its
   * stack at the tenant's own lines. Null when it started. Without a request, this is the result.
   */
  startupError: z.object({ message: z.string(), stack: z.string() }).nullable().default(null),
});
export type PreviewResult = z.infer<typeof PreviewResult>;
