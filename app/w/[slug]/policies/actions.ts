"use server";

// The Policies pages' server actions. Documents are validated with PolicyDocumentSchema here,
// as the API does, so a refusal names the field (rules.0.when.1.value) the editor shows it at.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { MemberContext } from "@/lib/auth/current-member";
import { adminAction, userActor, workspaceAction } from "@/lib/http/workspace-action";
import { parseWith } from "@/lib/http/validation";
import { createPolicy, publishPolicy, updateDraft } from "@/lib/policies/manage-policies";
import { PRESETS, type PresetName } from "@/lib/policies/presets";
import { PolicyDocumentSchema, SimulateSchema } from "@/lib/policies/schemas";
import { simulateDraft } from "@/lib/policies/simulate-draft";

const refresh = (member: MemberContext) => revalidatePath(`/w/${member.workspace.slug}/policies`, "layout");
const PolicyId = z.string().startsWith("pol_", "must be a policy id (pol_...)");


const CreateSchema = z.strictObject({
  name: z.string().trim().min(1, "is required").max(100),
  preset: z.enum(Object.keys(PRESETS) as [PresetName, ...PresetName[]]).optional(),
});

const create = adminAction(CreateSchema, async ({ name, preset }, member) => {
  // From scratch: deny by default, no rules yet.
  const start = preset ? PRESETS[preset] : { target: { kind: "all" }, default: "BLOCK", rules: [] };
  const document = parseWith(PolicyDocumentSchema, { ...start, name }, "body");
  const policy = await createPolicy(member.workspace.id, document, userActor(member));
  refresh(member);
  return { policy_id: policy.policy_id, name: policy.name };
});
export async function createPolicyAction(slug: string, input: unknown) {
  return create(slug, input);
}

// The document is checked in a second step so that its errors are named from its root.
const save = adminAction(z.strictObject({ policy_id: PolicyId, document: z.unknown() }), async ({ policy_id, document }, member) => {
  const valid = parseWith(PolicyDocumentSchema, document, "body");
  const policy = await updateDraft(member.workspace.id, policy_id, valid, userActor(member));
  refresh(member);
  return { name: policy.name, draft_differs: policy.draft_differs };
});
export async function saveDraftAction(slug: string, input: unknown) {
  return save(slug, input);
}

/** Publishes the draft, or (version) an earlier version again: a rollback. */
const publish = adminAction(z.strictObject({ policy_id: PolicyId, version: z.number().int().min(1).optional() }), async ({ policy_id, version }, member) => {
  const result = await publishPolicy(member.workspace.id, policy_id, userActor(member), version);
  refresh(member);
  return { version: result.version, from_version: version ?? null };
});
export async function publishPolicyAction(slug: string, input: unknown) {
  return publish(slug, input);
}

// A simulation changes nothing: every member may run one, as a policies:read key may.
const simulate = workspaceAction(
  { schema: z.strictObject({ policy_id: PolicyId, ...SimulateSchema.shape }), permission: "read" },
  async ({ policy_id, limit }, member) => simulateDraft(member.workspace.id, policy_id, { limit }),
);
export async function simulateDraftAction(slug: string, input: unknown) {
  return simulate(slug, input);
}
