import { z } from "zod";
import { env } from "@/lib/env";

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A hostname as a tenant claims it: lowercase, no port, no trailing dot, optionally a leading
 * "*." wildcard over at least two labels. The platform's own base domain is refused.
 */
export const Hostname = z
  .string({ error: "is required" })
  .trim()
  .min(1, "is required")
  .max(253, "must be at most 253 characters")
  .transform((s) => s.toLowerCase().replace(/\.$/, ""))
  .superRefine((h, ctx) => {
    const wildcard = h.startsWith("*.");
    const labels = (wildcard ? h.slice(2) : h).split(".");
    if (h.includes("://") || h.includes("/") || h.includes(":")) {
      ctx.addIssue({ code: "custom", message: "must be a bare hostname such as shop.example.com (no scheme, port or path)" });
      return;
    }
    if (!labels.every((l) => LABEL.test(l))) {
      ctx.addIssue({ code: "custom", message: 'must be a valid hostname (letters, digits and hyphens per label); a wildcard may only be a leading "*."' });
      return;
    }
    if (labels.length < 2) ctx.addIssue({ code: "custom", message: wildcard ? "a wildcard needs at least two labels after *. (such as *.example.com)" : "needs at least two labels (such as example.com)" });
    const base = env().RUNTIME_BASE_DOMAIN.toLowerCase();
    const bare = wildcard ? h.slice(2) : h;
    if (bare === base || bare.endsWith(`.${base}`) || base.endsWith(`.${bare}`) && wildcard) {
      ctx.addIssue({ code: "custom", message: `is part of the platform's own domain ${base}` });
    }
  });

/** `*.localhost` names resolve to this machine only: nobody can prove or dispute them, so they are verified at once. */
export function autoVerified(hostname: string): boolean {
  const bare = hostname.startsWith("*.") ? hostname.slice(2) : hostname;
  return bare === "localhost" || bare.endsWith(".localhost");
}

/** The wildcard hostnames that would cover `hostname` (`a.b.example.com` → `*.b.example.com`, `*.example.com`, …). */
export function coveringWildcards(hostname: string): string[] {
  const bare = hostname.startsWith("*.") ? hostname.slice(2) : hostname;
  const out: string[] = [];
  const labels = bare.split(".");
  // A wildcard covers strictly deeper names: *.example.com covers a.example.com and *.a.example.com.
  for (let i = hostname.startsWith("*.") ? 0 : 1; i < labels.length - 1; i++) out.push(`*.${labels.slice(i).join(".")}`);
  return out.filter((w) => w !== hostname);
}

/** Where the TXT record goes and what it must say. */
export function verificationRecord(hostname: string, token: string) {
  const bare = hostname.startsWith("*.") ? hostname.slice(2) : hostname;
  return { type: "TXT" as const, name: `_edgefn-challenge.${bare}`, value: `edgefn-verify=${token}` };
}
