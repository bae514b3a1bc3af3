import { appendAuditEvent, type Actor } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { toMicros } from "@/lib/money";
import type { CreateSessionInput } from "./schemas";
import { toSessionView } from "./session-view";

/**
 * "spend:50" is stored as "spend" and sets the spend limit to 50 when none is given.
 * An explicit spend_limit of 0 means no spending; no limit means no cap of the session's own.
 */
export function normaliseScopes(scopes: string[], spendLimit: number | null | undefined) {
  let limit = spendLimit ?? null;
  const normalised = scopes.map((scope) => {
    const match = /^spend:(\d+(?:\.\d{1,6})?)$/.exec(scope);
    if (!match) return scope;
    if (spendLimit === undefined || spendLimit === null) limit = Number(match[1]);
    return "spend";
  });
  return { scopes: [...new Set(normalised)], spendLimit: limit };
}

/** Creates a session for an agent, registering the agent (and its crew membership) on first sight. */
export async function createSession(workspaceId: string, input: CreateSessionInput, actor: Actor) {
  const db = await prisma();
  return db.$transaction(async (tx) => {
    const agent = await tx.agent.upsert({
      where: { workspaceId_agentId: { workspaceId, agentId: input.agent_id } },
      create: { id: newId("agent"), workspaceId, agentId: input.agent_id },
      update: { lastSeenAt: new Date() },
    });
    const requested = input.scopes ?? (agent.defaultScopes.length > 0 ? agent.defaultScopes : ["read"]);
    const { scopes, spendLimit } = normaliseScopes(requested, input.spend_limit);
    if (input.crew_id) {
      const crew = await tx.crew.findFirst({ where: { id: input.crew_id, workspaceId } });
      if (!crew) throw notFound(`Crew '${input.crew_id}'`);
      await tx.crewMember.upsert({
        where: { crewId_agentPk: { crewId: crew.id, agentPk: agent.id } },
        create: { crewId: crew.id, agentPk: agent.id },
        update: {},
      });
    }
    const now = new Date();
    const session = await tx.session.create({
      data: {
        id: newId("session"),
        workspaceId,
        agentPk: agent.id,
        agentId: agent.agentId,
        crewId: input.crew_id ?? null,
        scopes,
        spendLimitMicros: spendLimit === null ? null : toMicros(spendLimit),
        ttl: input.ttl,
        metadata: (input.metadata ?? {}) as Prisma.InputJsonObject,
        createdAt: now,
        expiresAt: input.ttl > 0 ? new Date(now.getTime() + input.ttl * 1000) : null,
      },
    });
    await appendAuditEvent(tx, workspaceId, {
      actor,
      action: "session.created",
      agentId: agent.agentId,
      sessionId: session.id,
      details: { scopes, spend_limit: spendLimit, ttl: input.ttl, crew_id: input.crew_id ?? null },
    });
    return toSessionView(session);
  });
}
