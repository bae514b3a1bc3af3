import type { Metadata } from "next";
import { requireMember } from "@/lib/auth/current-member";
import { roleCan } from "@/lib/auth/roles";
import { getGatewaySettings } from "@/lib/gateway/gateway-settings";
import { listGatewayKeys } from "@/lib/gateway/manage-gateway-keys";
import { listModels } from "@/lib/gateway/manage-models";
import { listProviders } from "@/lib/gateway/manage-providers";
import { GatewayKeysClient } from "./gateway-keys-client";
import { GatewayModelsClient } from "./gateway-models-client";
import { GatewayProvidersClient } from "./gateway-providers-client";

export const metadata: Metadata = { title: "LLM gateway" };

export default async function GatewaySettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const member = await requireMember((await params).slug);
  const { id: workspaceId, slug } = member.workspace;
  const [keys, providers, models, settings] = await Promise.all([listGatewayKeys(workspaceId), listProviders(workspaceId), listModels(workspaceId), getGatewaySettings(workspaceId)]);
  const canManage = roleCan(member.role, "workspace:manage");
  return (
    <div className="space-y-10">
      <GatewayKeysClient slug={slug} keys={keys.keys} canManage={canManage} />
      <GatewayProvidersClient slug={slug} providers={providers.providers} storeBodies={settings.store_bodies} canManage={canManage} />
      <GatewayModelsClient slug={slug} providerNames={providers.providers.map((p) => p.name)} models={models.models} canManage={canManage} />
    </div>
  );
}
