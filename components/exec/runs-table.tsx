// Code runs as a table (the Executions page, an agent's page): time, suggester → executor,
// language, decision, operations per kind and result; each row opens the run.
import Link from "next/link";
import { formatInstant } from "@/components/charts/format";
import { DecisionBadge } from "@/components/audit/decision-badge";
import type { CodeRunItem } from "@/lib/exec/code-run-view";
import { summarizeCounts } from "./highlight";
import { formatResult } from "./run-format";

export function RunsTable({ slug, runs }: { slug: string; runs: CodeRunItem[] }) {
  return (
    <table className="min-w-full divide-y divide-slate-200" aria-label="Executions">
      <thead className="bg-slate-50">
        <tr>
          {["Time", "Suggester → executor", "Language", "Decision", "Operations", "Result"].map((c) => <th key={c} className="table-head">{c}</th>)}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {runs.map((run) => (
          <tr key={run.receipt_id} data-testid="execution-row" data-receipt-id={run.receipt_id}>
            <td className="table-cell whitespace-nowrap">
              <Link href={`/w/${slug}/executions/${run.receipt_id}`} className="text-brand-700 hover:underline">{formatInstant(run.created_at)}</Link>
            </td>
            <td className="table-cell" data-testid="execution-agents">
              <code className="text-xs">{run.suggested_by ?? "—"}</code> → <code className="text-xs">{run.agent_id}</code>
            </td>
            <td className="table-cell">{run.language}</td>
            <td className="table-cell"><DecisionBadge decision={run.decision} /></td>
            <td className="table-cell text-xs" data-testid="execution-operations">{summarizeCounts(run.operation_counts)}</td>
            <td className="table-cell whitespace-nowrap" data-testid="execution-result">{formatResult(run.result)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
