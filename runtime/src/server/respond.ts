import type { ServerResponse } from "node:http";

/** Sends a small JSON response with the request id header. */
export function sendJson(res: ServerResponse, status: number, body: unknown, requestId: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), "x-request-id": requestId });
  res.end(text);
}
