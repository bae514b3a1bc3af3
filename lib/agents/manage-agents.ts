import type { z } from "zod";
import { appendAuditEvent, type Actor } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { toMicros } from "@/lib/money";
import { toAgentView } from "./agent-view";
import type { CreateAgentSchema, UpdateAgentSchema } from "./schemas";

export async function createAgent(workspaceId: string, input: z.infer<typeof CreateAgentSchema>, actor: Actor) {
  const db = await prisma();
  try {
    return await db.$transaction(async (tx) => {
      const agent = await tx.agent.create({
        data: {
          id: newId("agent"),
          workspaceId,
          agentId: input.agent_id,
          displayName: input.display_name ?? null,
          defaultScopes: input.default_scopes ?? [],
          budgetMicros: input.budget == null ? null : toMicros(input.budget),
          budgetWindow: input.budget_window ?? "total",
          tokenBudget: input.token_budget == null ? null : BigInt(input.token_budget),
          trusted: input.trusted ?? false,
        },
      });
      await appendAuditEvent(tx, workspaceId, { actor, action: "agent.created", agentId: agent.agentId, details: { budget: input.budget ?? null, token_budget: input.token_budget ?? null } });
      return toAgentView(agent, { crews: [] });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", `Agent '${input.agent_id}' already exists`, { field: "agent_id" });
    throw error;
  }
}

export async function listAgents(workspaceId: string) {
  const db = await prisma();
  const agents = await db.agent.findMany({ where: { workspaceId }, orderBy: { agentId: "asc" } });
  return { count: agents.length, agents: agents.map((a) => toAgentView(a)) };
}

export async function getAgent(workspaceId: string, agentId: string) {
  const db = await prisma();
  const agent = await db.agent.findUnique({
    where: { workspaceId_agentId: { workspaceId, agentId } },
    include: { crews: { select: { crewId: true } } },
  });
  if (!agent) throw notFound(`Agent '${agentId}'`);
  return toAgentView(agent, { crews: agent.crews.map((c) => c.crewId) });
}

export async function updateAgent(workspaceId: string, agentId: string, input: z.infer<typeof UpdateAgentSchema>, actor: Actor) {
  const db = await prisma();
  return db.$transaction(async (tx) => {
    const existing = await tx.agent.findUnique({ where: { workspaceId_agentId: { workspaceId, agentId } } });
    if (!existing) throw notFound(`Agent '${agentId}'`);
    const agent = await tx.agent.update({
      where: { id: existing.id },
      data: {
        ...(input.display_name !== undefined ? { displayName: input.display_name } : {}),
        ...(input.default_scopes !== undefined ? { defaultScopes: input.default_scopes } : {}),
        ...(input.budget !== undefined ? { budgetMicros: input.budget === null ? null : toMicros(input.budget) } : {}),
        ...(input.budget_window !== undefined ? { budgetWindow: input.budget_window } : {}),
        ...(input.token_budget !== undefined ? { tokenBudget: input.token_budget === null ? null : BigInt(input.token_budget) } : {}),
        ...(input.trusted !== undefined ? { trusted: input.trusted } : {}),
        ...(input.reset_spent ? { spentMicros: 0n, windowStart: new Date(), tokensUsed: 0n, tokenWindowStart: new Date() } : {}),
      },
      include: { crews: { select: { crewId: true } } },
    });
    await appendAuditEvent(tx, workspaceId, { actor, action: "agent.updated", agentId, details: { changes: input } });
    return toAgentView(agent, { crews: agent.crews.map((c) => c.crewId) });
  });
}
