import type { Metadata } from "next";
import { TenantDetail } from "@/components/admin/tenant-detail";

export const metadata: Metadata = { title: "Tenant · Admin" };

export default async function AdminTenantPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  return <TenantDetail slug={tenant} />;
}
