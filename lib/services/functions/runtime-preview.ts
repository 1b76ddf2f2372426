import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { runtimeToken } from "@/lib/services/runtime/runtime-auth";
import { PreviewResult, type PreviewJob } from "@/runtime/src/protocol/preview";

/**
 * Sends a job to the runtime's `POST /preview` (test console runs, deploy startup checks).
 * Throws 503 runtime_unavailable when no runtime answers within `timeoutMs`, 503
 * runtime_not_synced when it has not received the tenant yet.
 */
export async function callRuntime(job: PreviewJob, timeoutMs: number): Promise<PreviewResult> {
  let res: Response;
  try {
    res = await fetch(`${env().runtimeInternalUrl}/preview`, {
      method: "POST",
      headers: { authorization: `Bearer ${runtimeToken()}`, "content-type": "application/json" },
      body: JSON.stringify(job),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    throw new AppError(503, "runtime_unavailable", "The runtime is not reachable; is it running?");
  }
  const text = await res.text();
  if (res.status === 409) throw new AppError(503, "runtime_not_synced", "The runtime has not received this tenant yet; try again in a moment.");
  if (!res.ok) throw new Error(`runtime /preview answered ${res.status}: ${text.slice(0, 200)}`);
  return PreviewResult.parse(JSON.parse(text));
}
