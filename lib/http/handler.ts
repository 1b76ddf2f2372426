import crypto from "node:crypto";
import { AppError, Conflict, Unauthorized } from "@/lib/errors";
import { env } from "@/lib/env";
import { authenticate } from "@/lib/services/auth/authenticate";
import { authenticateRuntime, type RuntimeCtx } from "@/lib/services/runtime/runtime-auth";
import { tenantContext, type Ctx, type TenantCtx } from "@/lib/services/context";
import { readJson } from "./body";

type Params = Record<string, string>;
type RouteContext = { params: Promise<Params> };

type Args<P> = { req: Request; params: P; requestId: string; body: () => Promise<unknown> };
type AuthedArgs<P> = Args<P> & { ctx: Ctx };
type TenantArgs<P> = Args<P> & { ctx: TenantCtx };

/** Turns any thrown value into the one JSON error shape. Unknown errors become an opaque 500. */
export function errorResponse(err: unknown, requestId: string): Response {
  // Two concurrent writers racing for the same unique name: the loser gets the same 409 a
  // pre-check would have given it.
  if (isUniqueViolation(err)) err = new Conflict("That already exists (it was created concurrently).");
  if (err instanceof AppError) {
    return Response.json(
      { error: { code: err.code, message: err.message, ...err.details }, requestId },
      { status: err.status, headers: { "x-request-id": requestId } },
    );
  }
  console.error(`[${requestId}] unhandled error`, err);
  return Response.json(
    { error: { code: "internal_error", message: `Something went wrong on our side. Quote request id ${requestId}.` }, requestId },
    { status: 500, headers: { "x-request-id": requestId } },
  );
}

function isUniqueViolation(err: unknown): boolean {
  for (let e = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

function toResponse(result: unknown, requestId: string): Response {
  if (result instanceof Response) {
    result.headers.set("x-request-id", requestId);
    return result;
  }
  if (result === undefined) return new Response(null, { status: 204, headers: { "x-request-id": requestId } });
  return Response.json(result, { headers: { "x-request-id": requestId } });
}

function wrap<P extends Params>(fn: (args: Args<P>) => Promise<unknown>, limitBytes?: number) {
  return async (req: Request, rc?: RouteContext): Promise<Response> => {
    const requestId = crypto.randomUUID();
    try {
      const params = ((await rc?.params) ?? {}) as P;
      const body = () => readJson(req, limitBytes ?? env().API_MAX_BODY_BYTES);
      return toResponse(await fn({ req, params, requestId, body }), requestId);
    } catch (err) {
      return errorResponse(err, requestId);
    }
  };
}

/** A route anyone may call (sign-in). */
export function publicRoute<P extends Params = Params>(fn: (args: Args<P>) => Promise<unknown>) {
  return wrap(fn);
}

/** A route that needs a signed-in caller (session cookie or bearer token). */
export function authedRoute<P extends Params = Params>(fn: (args: AuthedArgs<P>) => Promise<unknown>) {
  return wrap<P>(async (args) => {
    const actor = await authenticate(args.req.headers);
    if (!actor) throw new Unauthorized();
    return fn({ ...args, ctx: { actor, requestId: args.requestId } });
  });
}

/** A route under /tenants/{tenant}: the caller must be a member; others get 404. */
export function tenantRoute<P extends Params & { tenant: string }>(fn: (args: TenantArgs<P>) => Promise<unknown>) {
  return authedRoute<P>(async (args) => {
    const ctx = await tenantContext(args.ctx, args.params.tenant);
    return fn({ ...args, ctx });
  });
}

/** Metrics and log batches from a busy node can be large; the runtime is trusted with more. */
const RUNTIME_MAX_BODY_BYTES = 32 * 1024 * 1024;

/** A route only runtime nodes may call: `Authorization: Bearer <RUNTIME_TOKEN>`. */
export function runtimeRoute(fn: (args: Args<Params> & { ctx: RuntimeCtx }) => Promise<unknown>) {
  return wrap((args) => fn({ ...args, ctx: authenticateRuntime(args.req.headers, args.requestId) }), RUNTIME_MAX_BODY_BYTES);
}
