"use server";

import { revalidatePath } from "next/cache";
import type { MemberContext } from "@/lib/auth/current-member";
import { adminAction, userActor } from "@/lib/http/workspace-action";
import { createApiKey } from "@/lib/keys/create-api-key";
import { revokeApiKey } from "@/lib/keys/revoke-api-key";
import { CreateKeySchema, KeyPrefixSchema } from "@/lib/keys/schemas";
import { changeMemberRole, removeMember, revokeInvitation } from "@/lib/members/change-member-role";
import { inviteMember } from "@/lib/members/invite-member";
import { ChangeRoleSchema, InviteMemberSchema, RemoveMemberSchema, RevokeInvitationSchema } from "@/lib/members/schemas";

const refresh = (member: MemberContext, page: string) => revalidatePath(`/w/${member.workspace.slug}/settings/${page}`);


const createKey = adminAction(CreateKeySchema, async (input, member) => {
  const created = await createApiKey(member.workspace.id, input, { actor: userActor(member) });
  refresh(member, "api-keys");
  return created;
});
export async function createApiKeyAction(slug: string, input: unknown) {
  return createKey(slug, input);
}

const revokeKey = adminAction(KeyPrefixSchema, async ({ prefix }, member) => {
  const result = await revokeApiKey(member.workspace.id, prefix, userActor(member));
  refresh(member, "api-keys");
  return result;
});
export async function revokeApiKeyAction(slug: string, input: unknown) {
  return revokeKey(slug, input);
}

const invite = adminAction(InviteMemberSchema, async (input, member) => {
  const result = await inviteMember(member.workspace.id, input, userActor(member));
  refresh(member, "members");
  return result.kind === "invited"
    ? { kind: result.kind, email: result.email, invitePath: `/invite/${result.token}`, expiresAt: result.expiresAt.toISOString() }
    : { kind: result.kind, email: result.email };
});
export async function inviteMemberAction(slug: string, input: unknown) {
  return invite(slug, input);
}

const changeRole = adminAction(ChangeRoleSchema, async (input, member) => {
  await changeMemberRole(member.workspace.id, input, userActor(member));
  refresh(member, "members");
  return { changed: true };
});
export async function changeMemberRoleAction(slug: string, input: unknown) {
  return changeRole(slug, input);
}

const remove = adminAction(RemoveMemberSchema, async (input, member) => {
  const result = await removeMember(member.workspace.id, input, userActor(member));
  refresh(member, "members");
  return result;
});
export async function removeMemberAction(slug: string, input: unknown) {
  return remove(slug, input);
}

const revokeInvite = adminAction(RevokeInvitationSchema, async (input, member) => {
  const result = await revokeInvitation(member.workspace.id, input, userActor(member));
  refresh(member, "members");
  return result;
});
export async function revokeInvitationAction(slug: string, input: unknown) {
  return revokeInvite(slug, input);
}
