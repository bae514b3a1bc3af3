import { appendAuditEvent, type Actor, type Tx } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { toMicros } from "@/lib/money";
import { effectiveTtl, type CreateSessionInput } from "./schemas";
import { toSessionView } from "./session-view";

/**
 * "spend:50" is stored as "spend" and sets the spend limit to 50 when none is given.
 * An explicit spend_limit of 0 means no spending; no limit means no cap of the session's own.
 */
export function normaliseScopes(scopes: string[], spendLimit: number | null | undefined) {
  let limit = spendLimit ?? null;
  const normalised = scopes.map((scope) => {
    const match = /^spend:(.+)$/.exec(scope); // validated by CreateSessionSchema
    if (!match) return scope;
    if (spendLimit === undefined || spendLimit === null) limit = Number(match[1]);
    return "spend";
  });
  return { scopes: [...new Set(normalised)], spendLimit: limit };
}

/**
 * A session without crew_id is charged to its agent's crew when the agent belongs to exactly
 * one, so crew membership cannot be sidestepped; an agent in several crews must name one.
 */
async function soleCrewOf(tx: Tx, agentPk: string): Promise<string | null> {
  const memberships = await tx.crewMember.findMany({ where: { agentPk }, select: { crewId: true }, take: 2 });
  if (memberships.length > 1) {
    throw new AppError("invalid_request", "Invalid crew_id: the agent belongs to several crews, name the one this session works for", {
      field: "crew_id",
      reason: "is required when the agent belongs to several crews",
    });
  }
  return memberships[0]?.crewId ?? null;
}

/** Creates a session for an agent, registering the agent (and its crew membership) on first sight. */
export async function createSession(workspaceId: string, input: CreateSessionInput, actor: Actor) {
  const db = await prisma();
  return db.$transaction(async (tx) => toSessionView(await createSessionInTx(tx, workspaceId, input, actor)));
}

/** createSession inside the caller's transaction (a gateway key opens its session with the key row). */
export async function createSessionInTx(tx: Tx, workspaceId: string, input: CreateSessionInput, actor: Actor) {
  const agent = await tx.agent.upsert({
    where: { workspaceId_agentId: { workspaceId, agentId: input.agent_id } },
    create: { id: newId("agent"), workspaceId, agentId: input.agent_id },
    update: { lastSeenAt: new Date() },
  });
  const requested = input.scopes ?? (agent.defaultScopes.length > 0 ? agent.defaultScopes : ["read"]);
  const { scopes, spendLimit } = normaliseScopes(requested, input.spend_limit);
  const crewId = input.crew_id ?? (await soleCrewOf(tx, agent.id));
  if (crewId) {
    const crew = await tx.crew.findFirst({ where: { id: crewId, workspaceId } });
    if (!crew) throw notFound(`Crew '${crewId}'`);
    await tx.crewMember.upsert({
      where: { crewId_agentPk: { crewId: crew.id, agentPk: agent.id } },
      create: { crewId: crew.id, agentPk: agent.id },
      update: {},
    });
  }
  const now = new Date();
  const ttl = effectiveTtl(input.ttl);
  const session = await tx.session.create({
    data: {
      id: newId("session"),
      workspaceId,
      agentPk: agent.id,
      agentId: agent.agentId,
      crewId,
      scopes,
      spendLimitMicros: spendLimit === null ? null : toMicros(spendLimit),
      tokenLimit: input.token_limit === undefined || input.token_limit === null ? null : BigInt(input.token_limit),
      ttl,
      metadata: (input.metadata ?? {}) as Prisma.InputJsonObject,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ttl * 1000),
    },
  });
  await appendAuditEvent(tx, workspaceId, {
    actor,
    action: "session.created",
    agentId: agent.agentId,
    sessionId: session.id,
    details: { scopes, spend_limit: spendLimit, token_limit: input.token_limit ?? null, ttl, crew_id: crewId },
  });
  return session;
}
