"use server";

import { revalidatePath } from "next/cache";
import type { MemberContext } from "@/lib/auth/current-member";
import { setGatewaySettings } from "@/lib/gateway/gateway-settings";
import { issueGatewayKey } from "@/lib/gateway/issue-gateway-key";
import { revokeGatewayKey } from "@/lib/gateway/manage-gateway-keys";
import { deleteModel, putModel } from "@/lib/gateway/manage-models";
import { putProvider } from "@/lib/gateway/manage-providers";
import { GatewayKeyIdParams, GatewaySettingsSchema, IssueGatewayKeySchema, ModelQuery, ProviderBodySchema, ProviderNameSchema, PutModelSchema } from "@/lib/gateway/schemas";
import { adminAction, userActor } from "@/lib/http/workspace-action";

const refresh = (member: MemberContext) => revalidatePath(`/w/${member.workspace.slug}/settings/gateway`);

const issue = adminAction(IssueGatewayKeySchema, async (input, member) => {
  const issued = await issueGatewayKey(member.workspace.id, input, userActor(member));
  refresh(member);
  return issued;
});
export async function issueGatewayKeyAction(slug: string, input: unknown) {
  return issue(slug, input);
}

const revoke = adminAction(GatewayKeyIdParams, async ({ id }, member) => {
  const result = await revokeGatewayKey(member.workspace.id, id, userActor(member));
  refresh(member);
  return result;
});
export async function revokeGatewayKeyAction(slug: string, input: unknown) {
  return revoke(slug, input);
}

const saveProvider = adminAction(ProviderBodySchema.extend({ name: ProviderNameSchema }), async (input, member) => {
  const saved = await putProvider(member.workspace.id, input, userActor(member));
  refresh(member);
  return saved;
});
export async function saveProviderAction(slug: string, input: unknown) {
  return saveProvider(slug, input);
}

const saveModel = adminAction(PutModelSchema, async (input, member) => {
  const saved = await putModel(member.workspace.id, input, userActor(member));
  refresh(member);
  return saved;
});
export async function saveModelAction(slug: string, input: unknown) {
  return saveModel(slug, input);
}

const removeModel = adminAction(ModelQuery, async ({ model }, member) => {
  const result = await deleteModel(member.workspace.id, model, userActor(member));
  refresh(member);
  return result;
});
export async function deleteModelAction(slug: string, input: unknown) {
  return removeModel(slug, input);
}

const saveSettings = adminAction(GatewaySettingsSchema, async (input, member) => {
  const saved = await setGatewaySettings(member.workspace.id, input, userActor(member));
  refresh(member);
  return saved;
});
export async function saveGatewaySettingsAction(slug: string, input: unknown) {
  return saveSettings(slug, input);
}
