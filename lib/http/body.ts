import { PayloadTooLarge, ValidationError } from "@/lib/errors";

/**
 * Reads a JSON body with a hard size limit (checked on the declared length and again on the bytes
 * actually received) and reports malformed JSON with its position.
 */
export async function readJson(req: Request, limitBytes: number): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limitBytes) throw new PayloadTooLarge(limitBytes);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limitBytes) {
        await reader.cancel();
        throw new PayloadTooLarge(limitBytes);
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") throw new ValidationError("Request body is empty; send a JSON object.", [{ path: "(body)", message: "required" }]);
  try {
    return JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new ValidationError(`Malformed JSON: ${detail}`, [{ path: "(body)", message: detail }]);
  }
}
