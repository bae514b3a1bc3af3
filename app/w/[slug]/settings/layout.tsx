import { PageHeader } from "@/components/ui/page-header";
import { SettingsTabs } from "./settings-tabs";

export default async function SettingsLayout({ children, params }: { children: React.ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return (
    <>
      <PageHeader title="Settings" description="Members and roles, and the API keys your agents use." />
      <SettingsTabs slug={slug} />
      {children}
    </>
  );
}
