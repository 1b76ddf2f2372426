import { env } from "@/lib/env";

export const INVITATION_TTL_MS = 7 * 86_400_000;

/** The link an invitee opens; shown in the console because no mail server is configured. */
export function invitationUrl(id: string): string {
  return `${env().publicUrl}/invite/${id}`;
}

/** Pending invitations past their expiry read as expired. */
export function effectiveStatus(inv: { status: string; expiresAt: Date }): string {
  return inv.status === "pending" && inv.expiresAt.getTime() < Date.now() ? "expired" : inv.status;
}
