// The Agents pages' queries on a fresh database of this project's kind: each agent's status,
// period spend, budget and last action; the policies that apply to an agent (the engine's
// targeting rule on the published version); the overview's figures of the moment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateAgent } from "@/lib/agents/manage-agents";
import { listAgentStatuses } from "@/lib/agents/list-agent-statuses";
import { listApplyingPolicies } from "@/lib/agents/list-applying-policies";
import type { Actor } from "@/lib/audit/append-events";
import { logAction } from "@/lib/audit/log-action";
import { requestApproval } from "@/lib/approvals/manage-approvals";
import { createCrew } from "@/lib/crews/manage-crews";
import { getOverviewFigures } from "@/lib/dashboard/get-overview-figures";
import { presetPeriod } from "@/lib/dashboard/period";
import { authorizePayment } from "@/lib/payments/authorize-payment";
import { createPolicy, publishPolicy, updateDraft } from "@/lib/policies/manage-policies";
import { PolicyDocumentSchema } from "@/lib/policies/schemas";
import { createSession } from "@/lib/sessions/create-session";
import { revokeSession } from "@/lib/sessions/revoke-session";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { randomSlug } from "../helpers/api";
import { databaseLabel, useFreshDatabaseForProcess, type FreshDatabase } from "../helpers/databases";

const KEY: Actor = { type: "api_key", id: "key_01JD0000000000000000000000" };
const ADMIN: Actor = { type: "user", id: "usr_01JD0000000000000000000000" };

let fresh: FreshDatabase;
beforeAll(async () => {
  fresh = await useFreshDatabaseForProcess();
});
afterAll(async () => fresh?.dispose());

const newWorkspace = async () => (await createWorkspace({ slug: randomSlug("agents") }, ADMIN)).id;
const session = async (ws: string, agentId: string, extra: { ttl?: number; crew_id?: string } = {}) =>
  (await createSession(ws, { agent_id: agentId, scopes: ["read", "spend"], ttl: extra.ttl ?? 0, ...(extra.crew_id ? { crew_id: extra.crew_id } : {}) }, KEY)).session_id;
const pay = async (ws: string, sessionId: string, amount: number) => {
  const result = await authorizePayment({ workspaceId: ws, actor: KEY }, { session_id: sessionId, amount, currency: "USD", description: "" });
  expect(result.status, JSON.stringify(result.body)).toBe(200);
};
const policy = async (ws: string, name: string, target: Record<string, string>, publish = true) => {
  const created = await createPolicy(ws, PolicyDocumentSchema.parse({ name, target, default: "ALLOW" }), ADMIN);
  if (publish) await publishPolicy(ws, created.policy_id, ADMIN);
  return created.policy_id;
};

describe(`agents pages' queries on ${databaseLabel()}`, () => {
  it("gives each agent its status (active with a live session, idle without, over budget when nothing remains), period spend and last action", async () => {
    const ws = await newWorkspace();
    const busy = await session(ws, "busy");
    await pay(ws, busy, 2.5);
    await logAction({ workspaceId: ws, actor: KEY }, { session_id: busy, action: "write_report", tool: "docs", cost_usd: 0.4, details: {} });

    const quiet = await session(ws, "quiet");
    await revokeSession(ws, quiet, ADMIN);

    const broke = await session(ws, "broke");
    await updateAgent(ws, "broke", { budget: 5 }, ADMIN);
    await pay(ws, broke, 5);

    const agents = await listAgentStatuses(ws, presetPeriod("24h"));
    expect(agents.map((a) => [a.agent_id, a.status, a.period_spend, a.budget, a.remaining_budget, a.live_sessions])).toEqual([
      ["broke", "over_budget", 5, 5, 0, 1],
      ["busy", "active", 2.5, null, null, 1],
      ["quiet", "idle", 0, null, null, 0],
    ]);
    const byId = Object.fromEntries(agents.map((a) => [a.agent_id, a]));
    expect(byId.busy!.last_action).toMatchObject({ action: "write_report", tool: "docs" });
    // A person's revocation is not the agent's action; its last one was getting the session.
    expect(byId.quiet!.last_action).toMatchObject({ action: "session.created" });
    expect(byId.broke!.last_action).toMatchObject({ action: "payment.authorized", decision: "ALLOW" });

    expect(await listAgentStatuses(await newWorkspace(), presetPeriod("24h"))).toEqual([]);
  });

  it("lists the published policies that apply: all agents, this agent, or a crew it belongs to (by id or name); never drafts, other targets or other workspaces", async () => {
    const ws = await newWorkspace();
    await session(ws, "ag");
    await session(ws, "other");
    const mine = await createCrew(ws, { name: "mine", budget_window: "run", agent_ids: ["ag"] }, ADMIN);
    const theirs = await createCrew(ws, { name: "theirs", budget_window: "run", agent_ids: ["other"] }, ADMIN);

    await policy(ws, "everyone", { kind: "all" });
    await policy(ws, "just-ag", { kind: "agent", agent_id: "ag" });
    await policy(ws, "just-other", { kind: "agent", agent_id: "other" });
    await policy(ws, "my-crew", { kind: "crew", crew_id: mine.crew_id });
    await policy(ws, "their-crew", { kind: "crew", crew_id: theirs.crew_id });
    await policy(ws, "draft-only", { kind: "all" }, false);
    // Published for everyone, then a draft aimed elsewhere: the version in force still applies.
    const moved = await policy(ws, "published-then-redrafted", { kind: "all" });
    await updateDraft(ws, moved, PolicyDocumentSchema.parse({ name: "published-then-redrafted", target: { kind: "agent", agent_id: "other" } }), ADMIN);

    const elsewhere = await newWorkspace();
    await session(elsewhere, "ag");
    await policy(elsewhere, "another-workspace", { kind: "all" });

    const applying = await listApplyingPolicies(ws, "ag");
    expect(applying.map((p) => [p.name, p.target, p.version])).toEqual([
      ["everyone", "all", 1],
      ["just-ag", "agent", 1],
      ["my-crew", "crew", 1],
      ["published-then-redrafted", "all", 1],
    ]);
    expect(applying.find((p) => p.name === "my-crew")!.crew).toBe("mine");
    expect((await listApplyingPolicies(ws, "other")).map((p) => p.name)).toEqual(["everyone", "just-other", "published-then-redrafted", "their-crew"]);
    expect((await listApplyingPolicies(ws, "nobody")).map((p) => p.name)).toEqual(["everyone", "published-then-redrafted"]);
  });

  it("counts pending approvals and active sessions as of now, in this workspace only", async () => {
    const ws = await newWorkspace();
    const live = await session(ws, "waiter");
    await session(ws, "waiter");
    const revoked = await session(ws, "waiter");
    await revokeSession(ws, revoked, ADMIN);
    await requestApproval(ws, { session_id: live, tool: "payments", action: "pay", reason: "large", details: {}, ttl: 3600 }, KEY);

    const other = await newWorkspace();
    const theirs = await session(other, "waiter");
    await requestApproval(other, { session_id: theirs, tool: "payments", action: "pay", reason: "large", details: {}, ttl: 3600 }, KEY);

    const figures = await getOverviewFigures(ws, presetPeriod("24h"));
    expect(figures).toMatchObject({ pending_approvals: 1, active_sessions: 2 });
    // Three sessions created (agent actions), the revocation (a person) and the request's own entry are not.
    expect(figures.actions).toBe(3);
  });
});
