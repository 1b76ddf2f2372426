import { LinkTabs } from "@/components/console/link-tabs";
import { PageHeader } from "@/components/ui/page-header";

export default async function SettingsLayout({ children, params }: { children: React.ReactNode; params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const base = `/${tenant}/settings`;
  return (
    <>
      <PageHeader title="Settings" description="Your tenant, the people in it, and your API tokens." className="mb-6" />
      <LinkTabs
        label="Settings"
        tabs={[
          { href: base, label: "General", exact: true },
          { href: `${base}/members`, label: "Members" },
          { href: `${base}/tokens`, label: "API tokens" },
        ]}
      />
      {children}
    </>
  );
}
