"use server";

// Crews: admins (workspace:manage) create them and edit budgets and membership. Each domain
// function writes its audit event in the same transaction as the change (lib/crews/manage-crews.ts).
import { z } from "zod";
import { addCrewMember, createCrew, removeCrewMember, updateCrew } from "@/lib/crews/manage-crews";
import { CreateCrewSchema, CrewMemberParams, CrewParams, UpdateCrewSchema } from "@/lib/crews/schemas";
import { adminAction, userActor } from "@/lib/http/workspace-action";

const CrewId = CrewParams.shape.id;

const create = adminAction(CreateCrewSchema, (input, member) => createCrew(member.workspace.id, input, userActor(member)));
/** A new crew with a name, an optional description and budget, and its window. */
export async function createCrewAction(slug: string, input: unknown) {
  return create(slug, input);
}

const UpdateSchema = z.strictObject({ crew_id: CrewId, ...UpdateCrewSchema.shape });
const update = adminAction(UpdateSchema, ({ crew_id, ...changes }, member) => updateCrew(member.workspace.id, crew_id, changes, userActor(member)));
/** Changes a crew's budget, window (or name and description); reset_spent starts a new run. */
export async function updateCrewAction(slug: string, input: unknown) {
  return update(slug, input);
}

const MemberSchema = z.strictObject({ crew_id: CrewId, agent_id: CrewMemberParams.shape.agent_id });
const add = adminAction(MemberSchema, ({ crew_id, agent_id }, member) => addCrewMember(member.workspace.id, crew_id, agent_id, userActor(member)));
/** Adds an agent to a crew; adding a member again is harmless. */
export async function addCrewMemberAction(slug: string, input: unknown) {
  return add(slug, input);
}

const remove = adminAction(MemberSchema, ({ crew_id, agent_id }, member) => removeCrewMember(member.workspace.id, crew_id, agent_id, userActor(member)));
/** Removes an agent from a crew (404 if it is not a member); its spend in the crew stays on record. */
export async function removeCrewMemberAction(slug: string, input: unknown) {
  return remove(slug, input);
}
