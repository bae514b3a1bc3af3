"use server";

// The Secrets page's mutations. Values travel only browser → server: every result below
// carries names and version numbers, never a value.
import { revalidatePath } from "next/cache";
import type { MemberContext } from "@/lib/auth/current-member";
import { adminAction, userActor } from "@/lib/http/workspace-action";
import { changeSecretScope, deleteSecret, restoreSecretVersion } from "@/lib/vault/manage-secrets";
import { ChangeScopeSchema, DeleteSecretSchema, RestoreVersionSchema, StoreSecretSchema } from "@/lib/vault/schemas";
import { storeSecret } from "@/lib/vault/store-secret";

const refresh = (member: MemberContext) => revalidatePath(`/w/${member.workspace.slug}/secrets`);


const store = adminAction(StoreSecretSchema, async (input, member) => {
  const { name, version } = await storeSecret(member.workspace.id, input, userActor(member));
  refresh(member);
  return { name, version };
});
/** A new name becomes version 1; an existing name gets its next version. */
export async function storeSecretAction(slug: string, input: unknown) {
  return store(slug, input);
}

const changeScope = adminAction(ChangeScopeSchema, async ({ name, scope_required }, member) => {
  const result = await changeSecretScope(member.workspace.id, name, scope_required, userActor(member));
  refresh(member);
  return result;
});
export async function changeSecretScopeAction(slug: string, input: unknown) {
  return changeScope(slug, input);
}

const restore = adminAction(RestoreVersionSchema, async ({ name, version }, member) => {
  const restored = await restoreSecretVersion(member.workspace.id, name, version, userActor(member));
  refresh(member);
  return { name: restored.name, version: restored.version, from_version: version };
});
export async function restoreSecretVersionAction(slug: string, input: unknown) {
  return restore(slug, input);
}

const remove = adminAction(DeleteSecretSchema, async ({ name }, member) => {
  const result = await deleteSecret(member.workspace.id, name, userActor(member));
  refresh(member);
  return result;
});
export async function deleteSecretAction(slug: string, input: unknown) {
  return remove(slug, input);
}
