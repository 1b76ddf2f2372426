import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { getAuth } from "@/lib/auth";
import { schema, type Tx } from "@/lib/db";
import { Conflict } from "@/lib/errors";

export const Email = z.string().trim().toLowerCase().email("must be an email address").max(254);
export const Password = z.string().min(8, "must be at least 8 characters").max(128, "must be at most 128 characters");
export const NewUserInput = z.object({
  name: z.string().trim().min(1, "is required").max(80),
  email: Email,
  password: Password,
});
export type NewUser = z.infer<typeof NewUserInput> & { platformRole?: "admin" | "user" };
export type UserRow = typeof schema.users.$inferSelect;

/**
 * Inserts a user and its password credential (hashed by better-auth's scrypt) in the caller's
 * transaction: either both rows exist or neither does.
 */
export async function insertUser(tx: Tx, input: NewUser): Promise<UserRow> {
  const [dup] = await tx.select({ id: schema.users.id }).from(schema.users).where(sql`lower(${schema.users.email}) = ${input.email.toLowerCase()}`);
  if (dup) throw new Conflict(`An account with email ${input.email} already exists.`);
  const auth = await getAuth();
  const hash = await (await auth.$context).password.hash(input.password);
  const id = crypto.randomUUID();
  const [user] = await tx
    .insert(schema.users)
    .values({ id, name: input.name, email: input.email.toLowerCase(), emailVerified: false, role: input.platformRole ?? "user" })
    .returning();
  await tx.insert(schema.accounts).values({ id: crypto.randomUUID(), accountId: id, providerId: "credential", userId: id, password: hash });
  return user!;
}
