import type { Metadata } from "next";
import { PlansAdmin } from "@/components/admin/plans-admin";

export const metadata: Metadata = { title: "Plans · Admin" };

export default function AdminPlansPage() {
  return <PlansAdmin />;
}
