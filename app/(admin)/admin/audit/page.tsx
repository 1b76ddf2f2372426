import type { Metadata } from "next";
import { AuditAdmin } from "@/components/admin/audit-admin";

export const metadata: Metadata = { title: "Audit log · Admin" };

export default function AdminAuditPage() {
  return <AuditAdmin />;
}
