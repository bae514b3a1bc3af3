// A living demo: four agents in a crew with a budget, a little activity, a balanced payment
// policy and one escalated payment waiting for a reviewer, all through the same domain functions
// the API uses (so every row is audited and the chain verifies).
import { createAgent } from "@/lib/agents/manage-agents";
import { logAction } from "@/lib/audit/log-action";
import { createCrew } from "@/lib/crews/manage-crews";
import { authorizePayment } from "@/lib/payments/authorize-payment";
import { createPolicy, publishPolicy } from "@/lib/policies/manage-policies";
import { evaluateForSession } from "@/lib/policies/evaluate-for-session";
import { PRESETS } from "@/lib/policies/presets";
import { checkScope } from "@/lib/sessions/check-scope";
import { createSession } from "@/lib/sessions/create-session";

const SYSTEM = { type: "system", id: "seed" } as const;

const AGENTS = [
  { agent_id: "researcher", display_name: "Researcher", default_scopes: ["read", "search"], budget: 20 },
  { agent_id: "coder", display_name: "Coder", default_scopes: ["read", "execute"], budget: 10 },
  { agent_id: "reviewer", display_name: "Reviewer", default_scopes: ["read"], budget: null },
  { agent_id: "publisher", display_name: "Publisher", default_scopes: ["read", "send_email", "spend"], budget: 15 },
];

export async function seedDemoActivity(workspaceId: string): Promise<void> {
  for (const agent of AGENTS) await createAgent(workspaceId, { ...agent, budget_window: "month" }, SYSTEM);
  const crew = await createCrew(
    workspaceId,
    { name: "launch-crew", description: "Researches, builds, reviews and announces a release", budget: 25, budget_window: "day", agent_ids: AGENTS.map((a) => a.agent_id) },
    SYSTEM,
  );
  const session = async (agentId: string, scopes: string[], spendLimit?: number) =>
    (await createSession(workspaceId, { agent_id: agentId, scopes, ttl: 0, crew_id: crew.crew_id, spend_limit: spendLimit }, SYSTEM)).session_id;

  const demo = { workspaceId, actor: SYSTEM };
  const researcher = await session("researcher", ["read", "search", "spend"], 5);
  await checkScope(demo, researcher, "search");
  await authorizePayment(demo, { session_id: researcher, amount: 1.25, currency: "USD", description: "search API credits", recipient: "serpapi.com" });
  await logAction(demo, { session_id: researcher, action: "web_search", tool: "search", cost_usd: 0.02, details: { query: "agent governance frameworks" } });

  const coder = await session("coder", ["read", "execute"]);
  await logAction(demo, { session_id: coder, action: "run_tests", tool: "code_exec", cost_usd: 0, details: { passed: 42, failed: 0 } });
  await checkScope(demo, coder, "deploy"); // denied: flagged in the trail

  const reviewer = await session("reviewer", ["read"]);
  await logAction(demo, { session_id: reviewer, action: "review_diff", tool: "git", cost_usd: 0.01, details: { verdict: "approve" }, suggested_by: "coder" });

  const publisher = await session("publisher", ["read", "send_email", "spend"], 2);
  await authorizePayment(demo, { session_id: publisher, amount: 0.05, currency: "USD", description: "announcement email" });
  await authorizePayment(demo, { session_id: publisher, amount: 5, currency: "USD", description: "sponsored post" }); // refused: over the session limit
  await logAction(demo, { session_id: publisher, action: "send_email", tool: "smtp", cost_usd: 0.05, details: { to: "launch-list" } });

  // A balanced payment policy in force, and one escalation waiting for a reviewer (for a week).
  const policy = await createPolicy(workspaceId, { ...PRESETS.balanced, payments: { ...PRESETS.balanced.payments, approval: { expires_in: 7 * 86_400 } } }, SYSTEM);
  await publishPolicy(workspaceId, policy.policy_id, SYSTEM);
  await evaluateForSession(
    workspaceId,
    { session_id: publisher, kind: "payment", tool: "payments", action: "sponsored newsletter slot", params: { amount: 75, currency: "USD", recipient: "ads@newsletter.example" } },
    SYSTEM,
  );
}
