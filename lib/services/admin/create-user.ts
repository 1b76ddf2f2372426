import { z } from "zod";
import { audit, parseInput, requirePlatformAdmin, withTransaction, type Ctx } from "@/lib/services/context";
import { insertUser, NewUserInput } from "@/lib/services/users/insert-user";

const AdminCreateUserInput = NewUserInput.extend({ platformRole: z.enum(["admin", "user"]).default("user") });

export async function adminCreateUser({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requirePlatformAdmin(ctx);
  const data = parseInput(AdminCreateUserInput, input);
  return withTransaction(async (tx) => {
    const u = await insertUser(tx, data);
    await audit(tx, ctx, { action: "user.created", target: u.id, details: { email: u.email, platformRole: data.platformRole } });
    return { id: u.id, email: u.email, name: u.name, platformRole: data.platformRole, banned: false, createdAt: u.createdAt };
  });
}
