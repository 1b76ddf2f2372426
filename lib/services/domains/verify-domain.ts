import dns from "node:dns";
import { eq } from "drizzle-orm";
import { getDb, schema, type Tx } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import { audit, requirePlatformAdmin, requireRole, withTransaction, type Ctx, type TenantCtx } from "@/lib/services/context";
import { appendChange } from "@/lib/services/runtime/append-change";
import { signal } from "@/lib/services/runtime/signals";
import { domainView, findDomain, hostnameParam, type DomainRow } from "./find-domain";
import { verificationRecord } from "./hostname";
import { domainState } from "./runtime-state";

const DNS_TIMEOUT_MS = 5000;

/** resolveTxt through the process's resolvers (`dns.setServers` applies), bounded in time. */
function resolveTxt(name: string): Promise<string[][]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error("DNS timeout"), { code: "ETIMEOUT" })), DNS_TIMEOUT_MS);
  });
  return Promise.race([dns.promises.resolveTxt(name), timeout]).finally(() => clearTimeout(timer));
}

/** Looks the TXT record up now; never in the background. */
async function checkTxt(d: DomainRow): Promise<string | null> {
  const rec = verificationRecord(d.hostname, d.verificationToken);
  try {
    const records = await resolveTxt(rec.name);
    if (records.some((parts) => parts.join("") === rec.value)) return null;
    return `The TXT record at ${rec.name} does not contain "${rec.value}" yet (found ${records.length} record${records.length === 1 ? "" : "s"}).`;
  } catch (e) {
    const code = (e as { code?: string }).code ?? "error";
    return `No TXT record "${rec.value}" found at ${rec.name} (DNS answered ${code}). DNS changes can take a while to appear.`;
  }
}

async function markVerified(tx: Tx, ctx: Ctx, d: DomainRow, by: "dns" | "admin"): Promise<DomainRow> {
  const [row] = await tx.update(schema.domains).set({ verifiedAt: new Date(), verifiedBy: by, lastCheckAt: new Date(), lastCheckError: null }).where(eq(schema.domains.id, d.id)).returning();
  await appendChange(tx, { kind: "domain.upserted", domain: domainState(row!) }, d.tenantId);
  await audit(tx, ctx, { action: "domain.verified", tenantId: d.tenantId, target: d.hostname, details: { domainId: d.id, by } });
  return row!;
}

/**
 * Checks the domain's TXT record now (never in the background) and marks it verified when found.
 * Answers `{ verified, message, domain }`; a failed check is recorded, not an error.
 */
export async function verifyDomain({ ctx, hostname }: { ctx: TenantCtx; hostname: string }) {
  requireRole(ctx, "developer");
  const d = await findDomain(await getDb(), ctx.tenant.id, hostname);
  if (d.verifiedAt) return { verified: true, message: `"${d.hostname}" is verified.`, domain: domainView(d) };
  // Outside the transaction: a DNS lookup can take seconds.
  const problem = await checkTxt(d);
  const row = await withTransaction(async (tx) => {
    const cur = await findDomain(tx, ctx.tenant.id, hostname);
    if (problem) {
      const [r] = await tx.update(schema.domains).set({ lastCheckAt: new Date(), lastCheckError: problem }).where(eq(schema.domains.id, cur.id)).returning();
      return r!;
    }
    return cur.verifiedAt ? cur : markVerified(tx, ctx, cur, "dns");
  });
  if (!problem) signal("change");
  return { verified: row.verifiedAt !== null, message: problem ?? `"${row.hostname}" is verified; its routes serve now.`, domain: domainView(row) };
}

/** A platform admin vouches for a domain (any tenant's) without DNS. */
export async function adminVerifyDomain({ ctx, hostname }: { ctx: Ctx; hostname: string }) {
  requirePlatformAdmin(ctx);
  const h = hostnameParam(hostname);
  const row = await withTransaction(async (tx) => {
    const [d] = await tx.select().from(schema.domains).where(eq(schema.domains.hostname, h)).limit(1);
    if (!d) throw new NotFound(`Domain "${h}"`);
    return d.verifiedAt ? d : markVerified(tx, ctx, d, "admin");
  });
  signal("change");
  return { verified: true, message: `"${row.hostname}" is verified.`, domain: domainView(row) };
}
