import Link from "next/link";
import { DecisionBadge } from "@/components/audit/decision-badge";
import { formatCount, formatInstant } from "@/components/charts/format";
import { EmptyState } from "@/components/ui/empty-state";

export type ToolCallDecision = { name: string; decision: string; reasons: unknown };
export type CallRow = {
  id: string;
  created_at: string;
  agent_id: string;
  model: string;
  prompt_tokens: number;
  completion_tokens: number;
  cost: number;
  latency_ms: number;
  decision: string;
  tool_calls: unknown;
};

const isToolCallDecision = (value: unknown): value is ToolCallDecision =>
  typeof value === "object" && value !== null && typeof (value as ToolCallDecision).name === "string" && typeof (value as ToolCallDecision).decision === "string";

/** The decisions on the tool calls the model proposed, as the call path recorded them (a JSON column). */
export const toolCallDecisions = (toolCalls: unknown): ToolCallDecision[] => (Array.isArray(toolCalls) ? toolCalls.filter(isToolCallDecision) : []);

/** Tool calls the model proposed that the agent never received. */
const blockedToolCalls = (toolCalls: unknown) => toolCallDecisions(toolCalls).filter((t) => t.decision === "BLOCK" || t.decision === "ESCALATE");

export function CallsTable({ slug, calls, currency }: { slug: string; calls: CallRow[]; currency: string }) {
  if (calls.length === 0) {
    return <EmptyState title="No calls yet">Calls appear here once an agent calls a model with its gateway key.</EmptyState>;
  }
  const base = `/w/${slug}`;
  return (
    <div className="card overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200" aria-label="Recent calls">
        <thead className="bg-slate-50">
          <tr>{["Time", "Agent", "Model", "Tokens in / out", "Cost", "Latency", "Decision", "Blocked tool calls"].map((c) => <th key={c} className="table-head">{c}</th>)}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {calls.map((call) => (
            <tr key={call.id} data-testid={`gateway-call-${call.id}`}>
              <td className="table-cell whitespace-nowrap"><Link href={`${base}/gateway/calls/${call.id}`} className="text-brand-700 hover:underline">{formatInstant(call.created_at)}</Link></td>
              <td className="table-cell">{call.agent_id}</td>
              <td className="table-cell font-mono text-xs">{call.model}</td>
              <td className="table-cell tabular-nums">{formatCount(call.prompt_tokens)} / {formatCount(call.completion_tokens)}</td>
              <td className="table-cell tabular-nums">{call.cost} {currency}</td>
              <td className="table-cell tabular-nums">{formatCount(call.latency_ms)} ms</td>
              <td className="table-cell"><DecisionBadge decision={call.decision} /></td>
              <td className="table-cell">{blockedToolCalls(call.tool_calls).map((t) => t.name).join(", ") || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
