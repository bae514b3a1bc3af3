import { prisma } from "@/lib/db/client";

export type ApplyingPolicy = { policy_id: string; name: string; version: number; target: "all" | "agent" | "crew"; crew: string | null };

/**
 * The published policies that apply to an agent, by the rule the engine uses (appliesTo in
 * lib/policies/evaluate-action.ts) on the version in force: a target of all agents, this agent,
 * or a crew it belongs to (named by id or, like the engine accepts, by name). Drafts never apply.
 */
export async function listApplyingPolicies(workspaceId: string, agentId: string): Promise<ApplyingPolicy[]> {
  const db = await prisma();
  return db.$queryRaw<ApplyingPolicy[]>`
    WITH mine AS (
      SELECT c.id, c.name FROM crews c
      JOIN crew_members m ON m.crew_id = c.id
      JOIN agents a ON a.id = m.agent_pk
      WHERE c.workspace_id = ${workspaceId} AND a.workspace_id = ${workspaceId} AND a.agent_id = ${agentId}),
    published AS (
      SELECT p.id, p.name, v.version, coalesce(v.document->'target'->>'kind', 'all') AS kind, v.document->'target' AS target
      FROM policies p JOIN policy_versions v ON v.policy_id = p.id AND v.version = p.published_version
      WHERE p.workspace_id = ${workspaceId})
    SELECT x.id AS policy_id, x.name, x.version, x.kind AS target,
      (SELECT c.name FROM mine c WHERE x.kind = 'crew' AND x.target->>'crew_id' IN (c.id, c.name) LIMIT 1) AS crew
    FROM published x
    WHERE x.kind = 'all'
       OR (x.kind = 'agent' AND x.target->>'agent_id' = ${agentId})
       OR (x.kind = 'crew' AND x.target->>'crew_id' IN (SELECT id FROM mine UNION SELECT name FROM mine))
    ORDER BY x.name`;
}
