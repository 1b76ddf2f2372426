import type { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/services/context";
import { PROTOCOL_VERSION } from "@/runtime/src/protocol";

/**
 * Parses a message from a runtime node. A protocol mismatch is reported first and on its own, so
 * an operator running mismatched console and runtime versions reads that, not a list of fields.
 */
export function parseMessage<S extends z.ZodType>(schemaOf: S, input: unknown): z.infer<S> {
  if (input && typeof input === "object" && !Array.isArray(input)) {
    const got = (input as { protocol?: unknown }).protocol;
    if (got !== PROTOCOL_VERSION) {
      const message = `unsupported protocol version ${JSON.stringify(got ?? null)}; this console speaks protocol ${PROTOCOL_VERSION}`;
      throw new ValidationError(`protocol: ${message}`, [{ path: "protocol", message }]);
    }
  }
  return parseInput(schemaOf, input);
}
