import crypto from "node:crypto";
import { z } from "zod";
import { schema, type Tx } from "@/lib/db";
import { audit, parseInput, withTransaction, type Ctx } from "@/lib/services/context";
import { newToken } from "@/lib/services/auth/tokens";

export const CreateTokenInput = z.object({
  name: z.string().trim().min(1, "is required").max(80, "must be at most 80 characters"),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export type TokenView = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null };

/** Inserts a token for a user; the clear token is returned once and never stored. */
export async function insertToken(tx: Tx, ctx: Ctx | null, userId: string, input: z.infer<typeof CreateTokenInput>): Promise<TokenView & { token: string }> {
  const { token, hash, prefix } = newToken();
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const [row] = await tx
    .insert(schema.apiTokens)
    .values({ id: crypto.randomUUID(), userId, name: input.name, tokenHash: hash, prefix, expiresAt })
    .returning();
  await audit(tx, ctx, { action: "token.created", target: row!.id, details: { name: input.name, userId } });
  return { id: row!.id, name: row!.name, prefix, createdAt: row!.createdAt, lastUsedAt: null, expiresAt, token };
}

export async function createToken({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const data = parseInput(CreateTokenInput, input);
  return withTransaction((tx) => insertToken(tx, ctx, ctx.actor.userId, data));
}
