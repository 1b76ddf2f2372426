import type { Metadata } from "next";
import { AdminOverview } from "@/components/observability/admin-overview";

export const metadata: Metadata = { title: "Overview · Admin" };

export default function AdminOverviewPage() {
  return <AdminOverview />;
}
