import { parseInput, withTransaction, audit } from "@/lib/services/context";
import { insertToken } from "@/lib/services/tokens/create-token";
import { insertUser, NewUserInput } from "@/lib/services/users/insert-user";

/** REST sign-up for scripts: creates the account and returns a bearer token. 409 on a taken email. */
export async function signup({ input, requestId }: { input: unknown; requestId: string }) {
  const data = parseInput(NewUserInput, input);
  return withTransaction(async (tx) => {
    const u = await insertUser(tx, data);
    const ctx = { requestId, actor: { userId: u.id, email: u.email, name: u.name, platformRole: "user" as const, via: "token" as const } };
    await audit(tx, ctx, { action: "user.signed_up", target: u.id });
    const token = await insertToken(tx, ctx, u.id, { name: "signup", expiresInDays: 90 });
    return { user: { id: u.id, email: u.email, name: u.name, platformRole: "user" }, token: token.token };
  });
}
