import { tenantRoute } from "@/lib/http/handler";
import { streamLogs } from "@/lib/services/logs/stream-logs";

export const dynamic = "force-dynamic";

type P = { tenant: string; function: string };

export const GET = tenantRoute<P>(async ({ ctx, params, req }) => {
  const input = { ...Object.fromEntries(new URL(req.url).searchParams), lastEventId: req.headers.get("last-event-id") ?? undefined };
  const stream = await streamLogs({ ctx, fn: params.function, input, signal: req.signal });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" },
  });
});
