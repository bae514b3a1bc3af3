"use server";

// The Gateway page's mutations, admins only. A provider's API key travels browser → server and
// is stored in the vault; a gateway key travels server → browser once, in the issue result.
import { z } from "zod";
import { revalidatePath } from "next/cache";
import type { MemberContext } from "@/lib/auth/current-member";
import { setGatewaySettings } from "@/lib/gateway/gateway-settings";
import { issueGatewayKey } from "@/lib/gateway/issue-gateway-key";
import { revokeGatewayKey } from "@/lib/gateway/manage-gateway-keys";
import { deleteModel, putModel } from "@/lib/gateway/manage-models";
import { deleteProvider, putProvider } from "@/lib/gateway/manage-providers";
import { GatewayKeyIdParams, GatewaySettingsSchema, IssueGatewayKeySchema, ModelQuery, ProviderBodySchema, ProviderNameSchema, PutModelSchema } from "@/lib/gateway/schemas";
import { adminAction, userActor } from "@/lib/http/workspace-action";

const refresh = (member: MemberContext) => revalidatePath(`/w/${member.workspace.slug}/gateway`);

const issue = adminAction(IssueGatewayKeySchema, async (input, member) => {
  const issued = await issueGatewayKey(member.workspace.id, input, userActor(member));
  refresh(member);
  return { key: issued.key, name: issued.name, agent_id: issued.agent_id, session_id: issued.session_id };
});
/** A new key and its session for an agent; the only result that ever carries the key. */
export async function issueGatewayKeyAction(slug: string, input: unknown) {
  return issue(slug, input);
}

const revoke = adminAction(z.strictObject(GatewayKeyIdParams.shape), async ({ id }, member) => {
  await revokeGatewayKey(member.workspace.id, id, userActor(member));
  refresh(member);
  return { id };
});
/** Revokes a key and its session. */
export async function revokeGatewayKeyAction(slug: string, input: unknown) {
  return revoke(slug, input);
}

const ProviderSchema = z.strictObject({ name: ProviderNameSchema, ...ProviderBodySchema.shape });
const saveProvider = adminAction(ProviderSchema, async (input, member) => {
  const saved = await putProvider(member.workspace.id, input, userActor(member));
  refresh(member);
  return { name: saved.name, has_api_key: saved.has_api_key };
});
/** Creates or replaces a provider by name; an omitted api_key keeps the stored one. */
export async function putProviderAction(slug: string, input: unknown) {
  return saveProvider(slug, input);
}

const removeProvider = adminAction(z.strictObject({ name: ProviderNameSchema }), async ({ name }, member) => {
  await deleteProvider(member.workspace.id, name, userActor(member));
  refresh(member);
  return { name };
});
/** Deletes a provider; refused (409) while a model uses it. */
export async function deleteProviderAction(slug: string, input: unknown) {
  return removeProvider(slug, input);
}

const saveModel = adminAction(PutModelSchema, async (input, member) => {
  const saved = await putModel(member.workspace.id, input, userActor(member));
  refresh(member);
  return { model: saved.model };
});
/** Creates or replaces a model's row in the price table. */
export async function putModelAction(slug: string, input: unknown) {
  return saveModel(slug, input);
}

const removeModel = adminAction(ModelQuery, async ({ model }, member) => {
  await deleteModel(member.workspace.id, model, userActor(member));
  refresh(member);
  return { model };
});
/** Deletes a model: agents asking for it are refused from then on. */
export async function deleteModelAction(slug: string, input: unknown) {
  return removeModel(slug, input);
}

const saveSettings = adminAction(GatewaySettingsSchema, async (input, member) => {
  const saved = await setGatewaySettings(member.workspace.id, input, userActor(member));
  refresh(member);
  return { store_bodies: saved.store_bodies };
});
/** Turns storing (redacted) prompt and completion bodies on or off for new calls. */
export async function setGatewaySettingsAction(slug: string, input: unknown) {
  return saveSettings(slug, input);
}
