import { z } from "zod";
import type { schema } from "@/lib/db";

export const VariableName = z
  .string()
  .max(128, "must be at most 128 characters")
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "use letters, digits and '_', not starting with a digit");

type Row = typeof schema.functionVariables.$inferSelect;

/** What the API shows of a variable: a secret's value is write-only and never leaves the console. */
export function variableView(row: Row) {
  const { name, secret, updatedAt, updatedBy } = row;
  return secret ? { name, secret: true, updatedAt, updatedBy } : { name, secret: false, value: row.value ?? "", updatedAt, updatedBy };
}
