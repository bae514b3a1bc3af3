// "Test this draft": replays the workspace's most recent audited actions (up to 10,000) through
// the policies in force with this policy's draft in place of its published version, and reports
// which decisions would change. Replayed: policy evaluations (their exact recorded inputs),
// payments (amount, currency and recipient from the trail, once each, though an authorization
// under a policy records its evaluation too) and logged agent actions (as tool
// calls with their details as parameters) — code executions with the analysis their receipts
// recorded (lib/exec/recorded-analysis.ts). Window counters are not reconstructed: each action is
// replayed with empty windows, so hourly/daily budgets and rate limits show only single-action
// effects.
import { prisma } from "@/lib/db/client";
import { recordedAnalysis } from "@/lib/exec/recorded-analysis";
import { notFound } from "@/lib/errors";
import { compilePolicy, evaluateAction, NO_COUNTERS, type PolicyAction } from "./evaluate-action";
import { policiesInForce } from "./load-policies";
import { EFFECTS, type ActionKind, type Effect, type PolicyDocument } from "./schemas";

export const MAX_SIMULATION = 10_000;

type Entry = { id: string; seq: bigint; agent_id: string; session_id: string | null; tool: string; action: string; decision: string | null; details: Record<string, unknown> };

export type SimulationChange = { entry_id: string; seq: number; agent_id: string; kind: ActionKind; tool: string; action: string; before: Effect; after: Effect; reasons: { code: string; message: string; rule_id: string }[] };

export type SimulationResult = {
  policy_id: string;
  replayed: number;
  changed: number;
  before: Record<Effect, number>;
  after: Record<Effect, number>;
  changes: SimulationChange[];
};

function replayable(entry: Entry): { action: Omit<PolicyAction, "crews">; before: Effect } | null {
  const d = entry.details;
  // A payment's own evaluation: the payment event that follows it is the action replayed.
  if (entry.action === "policy.evaluated" && d.action === "payment.authorize") return null;
  if (entry.action === "policy.evaluated" && typeof d.kind === "string") {
    const analysis = d.kind === "code_execution" ? recordedAnalysis(d) : undefined;
    return {
      action: { kind: d.kind as ActionKind, tool: entry.tool, action: String(d.action ?? ""), params: (d.params as Record<string, unknown>) ?? {}, agentId: entry.agent_id, ...(analysis ? { analysis } : {}) },
      before: (EFFECTS as readonly string[]).includes(entry.decision ?? "") ? (entry.decision as Effect) : "ALLOW",
    };
  }
  if (entry.action === "payment.authorized" || entry.action === "payment.refused") {
    const amount = Number(d.amount_micros ?? 0) / 1_000_000;
    return {
      action: { kind: "payment", tool: entry.tool, action: entry.action, params: { amount, currency: d.currency, ...(d.recipient ? { recipient: d.recipient } : {}) }, agentId: entry.agent_id },
      before: entry.action === "payment.authorized" ? "ALLOW" : "BLOCK",
    };
  }
  // A logged agent action (POST /audit): everything that is not an administrative event.
  if (!/^(session|agent|crew|api_key|member|invitation|secret|policy|approval|vault|scope|code)\./.test(entry.action)) {
    return { action: { kind: "tool_call", tool: entry.tool, action: entry.action, params: d, agentId: entry.agent_id }, before: "ALLOW" };
  }
  return null;
}

const counts = () => Object.fromEntries(EFFECTS.map((e) => [e, 0])) as Record<Effect, number>;

export async function simulateDraft(workspaceId: string, policyId: string, options: { limit?: number } = {}): Promise<SimulationResult> {
  const limit = Math.min(Math.max(options.limit ?? 1000, 1), MAX_SIMULATION);
  const db = await prisma();
  const policy = await db.policy.findFirst({ where: { id: policyId, workspaceId } });
  if (!policy) throw notFound(`Policy '${policyId}'`);
  const draft = compilePolicy(policy.id, (policy.publishedVersion ?? 0) + 1, policy.draft as PolicyDocument);
  const inForce = (await policiesInForce(workspaceId)).filter((p) => p.id !== policyId);

  const entries = await db.$queryRaw<Entry[]>`
    SELECT id, seq, agent_id, session_id, tool, action, decision, details FROM audit_events
    WHERE workspace_id = ${workspaceId} AND agent_id IS NOT NULL
      AND action NOT IN ('approval.requested', 'session.created', 'session.revoked')
    ORDER BY seq DESC LIMIT ${limit * 2}`;
  const crewRows = await db.$queryRaw<{ agent_id: string; crews: string[] }[]>`
    SELECT a.agent_id, array_agg(x.v) AS crews FROM agents a
    JOIN LATERAL (SELECT c.id AS v FROM crew_members m JOIN crews c ON c.id = m.crew_id WHERE m.agent_pk = a.id
                  UNION SELECT c.name FROM crew_members m JOIN crews c ON c.id = m.crew_id WHERE m.agent_pk = a.id) x ON true
    WHERE a.workspace_id = ${workspaceId} GROUP BY a.agent_id`;
  const crewsOf = new Map(crewRows.map((r) => [r.agent_id, r.crews]));

  const result: SimulationResult = { policy_id: policyId, replayed: 0, changed: 0, before: counts(), after: counts(), changes: [] };
  const now = new Date();
  for (const entry of entries) {
    if (result.replayed >= limit) break;
    const replay = replayable(entry);
    if (!replay) continue;
    const action = { ...replay.action, crews: crewsOf.get(entry.agent_id) ?? [] };
    const after = evaluateAction([...inForce, draft], action, NO_COUNTERS, now);
    result.replayed++;
    result.before[replay.before]++;
    result.after[after.decision]++;
    if (after.decision !== replay.before) {
      result.changed++;
      result.changes.push({
        entry_id: entry.id,
        seq: Number(entry.seq),
        agent_id: entry.agent_id,
        kind: action.kind,
        tool: action.tool,
        action: action.action,
        before: replay.before,
        after: after.decision,
        reasons: after.reasons.map(({ code, message, rule_id }) => ({ code, message, rule_id })),
      });
    }
  }
  return result;
}
