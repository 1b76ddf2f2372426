import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { schema, type Db, type Tx } from "@/lib/db";
import { NotFound } from "@/lib/errors";

/** A function name: a lowercase slug, usable as a DNS label. */
export const FunctionName = z
  .string()
  .min(1, "is required")
  .max(63, "must be at most 63 characters")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "use lowercase letters, digits and inner hyphens");

export type FunctionRow = typeof schema.functions.$inferSelect;

/** What the API shows of a function. */
export function functionView(fn: FunctionRow) {
  const { id, name, description, liveVersion, createdAt, updatedAt, createdBy } = fn;
  return { id, name, description, liveVersion, createdAt, updatedAt, createdBy };
}

/**
 * The tenant's function by name, else NotFound. `lock` takes a row lock so that concurrent
 * deploys of one function number their versions one after the other.
 */
export async function findFunction(q: Db | Tx, tenantId: string, name: string, lock = false): Promise<FunctionRow> {
  const query = q
    .select()
    .from(schema.functions)
    .where(and(eq(schema.functions.tenantId, tenantId), eq(schema.functions.name, name)))
    .limit(1);
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new NotFound(`Function "${name}"`);
  return row;
}
