import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { LimitExceeded } from "@/lib/errors";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-address";
import { checkSignIn, countFailedSignIn } from "@/lib/services/auth/guessing";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { admin, organization } from "better-auth/plugins";
import { createAccessControl } from "better-auth/plugins/access";
import { defaultStatements } from "better-auth/plugins/organization/access";
import { getDb, schema, type Db } from "@/lib/db";
import { env } from "@/lib/env";
import { readOrCreateSecret } from "@/lib/generated-secrets";

// Tenant roles. Mutations of tenants, members and invitations go through lib/services (one
// transaction with an audit row); these statements keep better-auth's own view consistent.
const ac = createAccessControl(defaultStatements);
export const tenantRoles = {
  owner: ac.newRole({
    organization: ["update", "delete"],
    member: ["create", "update", "delete"],
    invitation: ["create", "cancel"],
  }),
  developer: ac.newRole({ organization: [], member: [], invitation: [] }),
  viewer: ac.newRole({ organization: [], member: [], invitation: [] }),
};

// Every change to tenants, members and users is made by our services so that it is validated,
// transactional and audited; better-auth's own mutating endpoints for them are switched off.
const DISABLED_PATHS = [
  "/organization/create",
  "/organization/update",
  "/organization/delete",
  "/organization/invite-member",
  "/organization/accept-invitation",
  "/organization/reject-invitation",
  "/organization/cancel-invitation",
  "/organization/remove-member",
  "/organization/update-member-role",
  "/organization/leave",
  "/organization/create-role",
  "/organization/update-role",
  "/organization/delete-role",
  "/admin/set-role",
  "/admin/create-user",
  "/admin/update-user",
  "/admin/unban-user",
  "/admin/ban-user",
  "/admin/impersonate-user",
  "/admin/remove-user",
  "/admin/set-user-password",
  "/admin/revoke-user-session",
  "/admin/revoke-user-sessions",
];

/** The account a password sign-in is for, or null for any other better-auth call. */
function signInEmail(ctx: { path?: string; body?: unknown }): string | null {
  const email = ctx.path === "/sign-in/email" ? (ctx.body as { email?: unknown } | undefined)?.email : undefined;
  return typeof email === "string" ? email : null;
}

function create(db: Db) {
  const e = env();
  return betterAuth({
    appName: "Edgefn",
    baseURL: e.publicUrl,
    secret: readOrCreateSecret("auth-secret", e.BETTER_AUTH_SECRET),
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: {
        user: schema.users,
        session: schema.sessions,
        account: schema.accounts,
        verification: schema.verifications,
        organization: schema.tenants,
        member: schema.members,
        invitation: schema.invitations,
      },
    }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    advanced: {
      // The console may be opened as localhost or 127.0.0.1 in development and tests.
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      // Rate limits and sessions key on the address the console's server took from the socket,
      // never on a header the client can set (lib/http/client-address.ts).
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
    },
    trustedOrigins: [e.publicUrl, `http://localhost:${e.PORT}`, `http://127.0.0.1:${e.PORT}`],
    rateLimit: {
      enabled: e.NODE_ENV === "production",
      window: 60,
      max: 600,
      customRules: { "/sign-in/email": { window: 60, max: 30 }, "/sign-up/email": { window: 60, max: 30 } },
    },
    disabledPaths: DISABLED_PATHS,
    // The browser's sign-in shares the REST login's per-account limit on failed attempts.
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        const email = signInEmail(ctx);
        if (email === null) return;
        try {
          checkSignIn(email);
        } catch (e) {
          if (e instanceof LimitExceeded) throw new APIError("TOO_MANY_REQUESTS", { message: e.message });
          throw e;
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        const email = signInEmail(ctx);
        const returned: unknown = ctx.context.returned;
        if (email !== null && isAPIError(returned) && returned.statusCode === 401) countFailedSignIn(email);
      }),
    },
    databaseHooks: {
      user: {
        create: {
          // Sign-ups through the browser go through better-auth; they are audited like every change.
          after: async (user) => {
            await db.insert(schema.auditLog).values({ actorId: user.id, actorEmail: user.email, action: "user.signed_up", target: user.id });
          },
        },
      },
    },
    telemetry: { enabled: false },
    plugins: [
      organization({ ac, roles: tenantRoles, creatorRole: "owner", allowUserToCreateOrganization: false }),
      admin({ defaultRole: "user", adminRoles: ["admin"] }),
    ],
  });
}

export type Auth = ReturnType<typeof create>;

const g = globalThis as unknown as { __edgefnAuth?: { db: Db; auth: Auth } };

/** The better-auth instance, built on first use for the open database (and again if it reopens). */
export async function getAuth(): Promise<Auth> {
  const db = await getDb();
  if (g.__edgefnAuth?.db !== db) g.__edgefnAuth = { db, auth: create(db) };
  return g.__edgefnAuth.auth;
}
