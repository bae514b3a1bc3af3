import type { z } from "zod";
import { spentInWindow, tokensInWindow } from "@/lib/agents/agent-view";
import { appendAuditEvent, type Actor, type Tx } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { fromMicros, toMicros } from "@/lib/money";
import type { CreateCrewSchema, UpdateCrewSchema } from "./schemas";

const crewInclude = { members: { include: { agent: { select: { agentId: true } } }, orderBy: { createdAt: "asc" as const } } };
type CrewRow = Awaited<ReturnType<typeof loadCrew>>;

async function loadCrew(tx: Tx, workspaceId: string, crewId: string) {
  const crew = await tx.crew.findFirst({ where: { id: crewId, workspaceId }, include: crewInclude });
  if (!crew) throw notFound(`Crew '${crewId}'`);
  return crew;
}

function toCrewView(crew: CrewRow) {
  const spent = spentInWindow(crew);
  const tokens = tokensInWindow(crew);
  return {
    crew_id: crew.id,
    name: crew.name,
    description: crew.description,
    budget: fromMicros(crew.budgetMicros),
    budget_window: crew.budgetWindow,
    spent: fromMicros(spent),
    remaining_budget: crew.budgetMicros === null ? null : fromMicros(crew.budgetMicros > spent ? crew.budgetMicros - spent : 0n),
    token_budget: crew.tokenBudget === null ? null : Number(crew.tokenBudget),
    tokens_used: Number(tokens),
    window_start: crew.windowStart.toISOString(),
    members: crew.members.map((m) => m.agent.agentId),
    created_at: crew.createdAt.toISOString(),
  };
}

async function ensureAgent(tx: Tx, workspaceId: string, agentId: string) {
  return tx.agent.upsert({
    where: { workspaceId_agentId: { workspaceId, agentId } },
    create: { id: newId("agent"), workspaceId, agentId },
    update: {},
  });
}

export async function createCrew(workspaceId: string, input: z.infer<typeof CreateCrewSchema>, actor: Actor) {
  const db = await prisma();
  try {
    return await db.$transaction(async (tx) => {
      const crew = await tx.crew.create({
        data: {
          id: newId("crew"),
          workspaceId,
          name: input.name,
          description: input.description ?? null,
          budgetMicros: input.budget == null ? null : toMicros(input.budget),
          budgetWindow: input.budget_window,
          tokenBudget: input.token_budget == null ? null : BigInt(input.token_budget),
        },
      });
      for (const agentId of new Set(input.agent_ids ?? [])) {
        const agent = await ensureAgent(tx, workspaceId, agentId);
        await tx.crewMember.create({ data: { crewId: crew.id, agentPk: agent.id } });
      }
      await appendAuditEvent(tx, workspaceId, {
        actor,
        action: "crew.created",
        details: { crew_id: crew.id, name: input.name, budget: input.budget ?? null, token_budget: input.token_budget ?? null, budget_window: input.budget_window },
      });
      return toCrewView(await loadCrew(tx, workspaceId, crew.id));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", `A crew named '${input.name}' already exists`, { field: "name" });
    throw error;
  }
}

export async function listCrews(workspaceId: string) {
  const db = await prisma();
  const crews = await db.crew.findMany({ where: { workspaceId }, include: crewInclude, orderBy: { createdAt: "asc" } });
  return { count: crews.length, crews: crews.map(toCrewView) };
}

export async function getCrew(workspaceId: string, crewId: string) {
  const db = await prisma();
  return toCrewView(await loadCrew(db as unknown as Tx, workspaceId, crewId));
}

export async function updateCrew(workspaceId: string, crewId: string, input: z.infer<typeof UpdateCrewSchema>, actor: Actor) {
  const db = await prisma();
  try {
    return await db.$transaction(async (tx) => {
      await loadCrew(tx, workspaceId, crewId);
      await tx.crew.update({
        where: { id: crewId },
        data: {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.budget !== undefined ? { budgetMicros: input.budget === null ? null : toMicros(input.budget) } : {}),
          ...(input.budget_window !== undefined ? { budgetWindow: input.budget_window } : {}),
          ...(input.token_budget !== undefined ? { tokenBudget: input.token_budget === null ? null : BigInt(input.token_budget) } : {}),
          ...(input.reset_spent ? { spentMicros: 0n, windowStart: new Date(), tokensUsed: 0n, tokenWindowStart: new Date() } : {}),
        },
      });
      await appendAuditEvent(tx, workspaceId, { actor, action: "crew.updated", details: { crew_id: crewId, changes: input } });
      return toCrewView(await loadCrew(tx, workspaceId, crewId));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", `A crew named '${input.name}' already exists`, { field: "name" });
    throw error;
  }
}

export async function addCrewMember(workspaceId: string, crewId: string, agentId: string, actor: Actor) {
  const db = await prisma();
  return db.$transaction(async (tx) => {
    await loadCrew(tx, workspaceId, crewId);
    const agent = await ensureAgent(tx, workspaceId, agentId);
    await tx.crewMember.upsert({ where: { crewId_agentPk: { crewId, agentPk: agent.id } }, create: { crewId, agentPk: agent.id }, update: {} });
    await appendAuditEvent(tx, workspaceId, { actor, action: "crew.member_added", agentId, details: { crew_id: crewId } });
    return toCrewView(await loadCrew(tx, workspaceId, crewId));
  });
}

export async function removeCrewMember(workspaceId: string, crewId: string, agentId: string, actor: Actor) {
  const db = await prisma();
  return db.$transaction(async (tx) => {
    await loadCrew(tx, workspaceId, crewId);
    const agent = await tx.agent.findUnique({ where: { workspaceId_agentId: { workspaceId, agentId } } });
    const removed = agent ? await tx.crewMember.deleteMany({ where: { crewId, agentPk: agent.id } }) : { count: 0 };
    if (removed.count === 0) throw notFound(`Agent '${agentId}' in crew '${crewId}'`);
    await appendAuditEvent(tx, workspaceId, { actor, action: "crew.member_removed", agentId, details: { crew_id: crewId } });
    return toCrewView(await loadCrew(tx, workspaceId, crewId));
  });
}
