import type { Metadata } from "next";
import { TenantsAdmin } from "@/components/admin/tenants-admin";

export const metadata: Metadata = { title: "Tenants · Admin" };

export default function AdminTenantsPage() {
  return <TenantsAdmin />;
}
