import type { Metadata } from "next";
import { AdminDomains } from "@/components/domains/admin-domains";

export const metadata: Metadata = { title: "Domains · Admin" };

export default function AdminDomainsPage() {
  return <AdminDomains />;
}
