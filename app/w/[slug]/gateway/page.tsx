import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-member";
import { roleCan } from "@/lib/auth/roles";
import { getGatewaySettings } from "@/lib/gateway/gateway-settings";
import { listGatewayCalls } from "@/lib/gateway/list-gateway-calls";
import { listGatewayKeys } from "@/lib/gateway/manage-gateway-keys";
import { listModels } from "@/lib/gateway/manage-models";
import { listProviders } from "@/lib/gateway/manage-providers";
import { workspaceCurrency } from "@/lib/workspaces/workspace-currency";
import { CallsTable } from "./calls-table";
import { IssueKeyForm } from "./issue-key-form";
import { KeysTable } from "./keys-table";
import { ModelsSection } from "./models-section";
import { ProvidersSection } from "./providers-section";
import { SettingsSection } from "./settings-section";

export const metadata: Metadata = { title: "Gateway" };

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3">
      <h2 id={`${id}-title`} className="font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export default async function GatewayPage({ params }: { params: Promise<{ slug: string }> }) {
  const member = await requireMember((await params).slug);
  const workspaceId = member.workspace.id;
  // Keys are listed by prefix and providers by has_api_key: neither key can reach the browser.
  const [keys, providers, models, settings, calls, currency] = await Promise.all([
    listGatewayKeys(workspaceId),
    listProviders(workspaceId),
    listModels(workspaceId),
    getGatewaySettings(workspaceId),
    listGatewayCalls(workspaceId, { limit: 25 }),
    workspaceCurrency(workspaceId),
  ]);
  const slug = member.workspace.slug;
  const canManage = roleCan(member.role, "workspace:manage");
  return (
    <>
      <PageHeader
        title="LLM gateway"
        description="An OpenAI-compatible endpoint: agents call models with their gateway key, and every call is decided by policy, charged to the agent's budgets and audited."
      />
      {canManage ? null : (
        <p className="card mb-6 px-5 py-4 text-sm text-slate-600" data-testid="read-only-note">
          Only admins issue keys and change providers, models and settings. You can see how the gateway is set up and every call it made.
        </p>
      )}
      <div className="space-y-10">
        <Section id="keys" title="Keys">
          {canManage ? <div className="card p-4"><IssueKeyForm slug={slug} currency={currency} exampleModel={models.models[0]?.model ?? "gpt-4o-mini"} /></div> : null}
          <KeysTable slug={slug} keys={keys.keys} canManage={canManage} />
        </Section>
        <Section id="providers" title="Providers">
          <ProvidersSection slug={slug} providers={providers.providers} canManage={canManage} />
        </Section>
        <Section id="models" title="Models & prices">
          <ModelsSection slug={slug} currency={currency} models={models.models} providers={providers.providers.map((p) => p.name)} canManage={canManage} />
        </Section>
        <Section id="settings" title="Settings">
          <SettingsSection slug={slug} storeBodies={settings.store_bodies} canManage={canManage} />
        </Section>
        <Section id="calls" title="Recent calls">
          <CallsTable slug={slug} calls={calls.calls} currency={currency} />
        </Section>
      </div>
    </>
  );
}
