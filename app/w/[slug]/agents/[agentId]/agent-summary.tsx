import Link from "next/link";
import { formatCount, formatMoney } from "@/components/charts/format";
import type { AgentDetail } from "@/lib/agents/get-agent-detail";

const budgetText = (budget: number | null, window: string) => (budget === null ? "no budget" : `${formatMoney(budget)} per ${window === "total" || window === "run" ? "lifetime" : window}`);

export function AgentSummary({ slug, agent }: { slug: string; agent: AgentDetail }) {
  return (
    <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
      <dl className="card grid grid-cols-3 gap-4 p-4" aria-label="Budget">
        <div><dt className="text-sm text-slate-500">Budget</dt><dd className="mt-1 font-semibold" data-testid="agent-budget">{budgetText(agent.budget, agent.budget_window)}</dd></div>
        <div><dt className="text-sm text-slate-500">Spent this window</dt><dd className="mt-1 font-semibold tabular-nums" data-testid="agent-spent">{formatMoney(agent.spent ?? 0)}</dd></div>
        <div>
          <dt className="text-sm text-slate-500">Remaining</dt>
          <dd className="mt-1 font-semibold tabular-nums" data-testid="agent-remaining">{agent.remaining_budget === null ? "unlimited" : formatMoney(agent.remaining_budget)}</dd>
        </div>
        <div><dt className="text-sm text-slate-500">Token budget</dt><dd className="mt-1 font-semibold tabular-nums" data-testid="agent-token-budget">{agent.token_budget === null ? "no token budget" : formatCount(agent.token_budget)}</dd></div>
        <div className="col-span-2">
          <dt className="text-sm text-slate-500">LLM tokens this window</dt>
          <dd className="mt-1 font-semibold tabular-nums" data-testid="agent-tokens-used">{formatCount(agent.tokens_used)}</dd>
        </div>
      </dl>
      <section className="card p-4" aria-label="Crews">
        <h2 className="text-sm text-slate-500">Crews</h2>
        {agent.crews.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">Not in a crew. Admins add agents to crews on the <Link href={`/w/${slug}/crews`} className="text-brand-700 underline">Crews</Link> page or with the API.</p>
        ) : (
          <ul className="mt-1 space-y-1 text-sm" data-testid="agent-crews">
            {agent.crews.map((c) => (
              <li key={c.crew_id}>
                <span className="font-medium">{c.name}</span>{" "}
                <span className="text-slate-500">
                  {c.budget === null ? "no budget" : `${formatMoney(c.spent)} of ${formatMoney(c.budget)} per ${c.budget_window}, ${formatMoney(c.remaining_budget ?? 0)} left`}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
