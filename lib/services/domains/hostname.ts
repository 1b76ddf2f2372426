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
    // The platform's default hostnames (<function>.<tenant>.<base>) are not for claiming, nor is a
    // wildcard that would cover them.
    if (bare === base || bare.endsWith(`.${base}`) || (wildcard && base.endsWith(`.${bare}`))) {
      ctx.addIssue({ code: "custom", message: `is part of the platform's own domain ${base}` });
    }
  });

/** `*.localhost` names resolve to this machine only: nobody can prove or dispute them, so they are verified at once. */
export function autoVerified(hostname: string): boolean {
  const bare = hostname.startsWith("*.") ? hostname.slice(2) : hostname;
  return bare === "localhost" || bare.endsWith(".localhost");
}

/**
 * The names that sit above `hostname` or equal it, as exact names and wildcards: for
 * `a.example.com` that is `a.example.com`, `*.a.example.com`, `example.com`, `*.example.com`.
 * Another tenant holding any of them, or anything below the name, makes the claim overlap.
 */
export function relatedNames(hostname: string): string[] {
  const labels = (hostname.startsWith("*.") ? hostname.slice(2) : hostname).split(".");
  const out: string[] = [];
  for (let i = 0; i < labels.length - 1; i++) {
    const s = labels.slice(i).join(".");
    out.push(s, `*.${s}`);
  }
  return out;
}

/** Where the TXT record goes and what it must say. */
export function verificationRecord(hostname: string, token: string) {
  const bare = hostname.startsWith("*.") ? hostname.slice(2) : hostname;
  return { type: "TXT" as const, name: `_edgefn-challenge.${bare}`, value: `edgefn-verify=${token}` };
}
