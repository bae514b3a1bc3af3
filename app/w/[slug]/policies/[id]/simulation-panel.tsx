"use client";

// "Test this draft": replays the workspace's recent audited actions through the saved draft and
// shows which decisions would change. Nothing is changed.
import { useState } from "react";
import { EFFECTS } from "@/lib/policies/schemas";
import type { SimulationResult } from "@/lib/policies/simulate-draft";
import { simulateDraftAction } from "../actions";
import { useServerAction } from "@/components/forms/use-server-action";

export function SimulationPanel({ slug, policyId, isDirty }: { slug: string; policyId: string; isDirty: boolean }) {
  const [limit, setLimit] = useState("1000");
  const [result, setResult] = useState<SimulationResult | null>(null);
  const simulate = useServerAction((input: { policy_id: string; limit: number }) => simulateDraftAction(slug, input), setResult, { refresh: false });
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    simulate.run({ policy_id: policyId, limit: Number(limit) });
  }
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="card p-4">
        <p className="text-sm text-slate-600">
          Replays the most recent audited actions (policy evaluations, payments, logged tool calls) through the policies in force, with this policy&apos;s
          saved draft in place of its published version. Hourly and daily windows are not reconstructed: each action is replayed on its own.
        </p>
        {isDirty ? <p className="mt-2 text-sm text-amber-800">You have unsaved changes: the saved draft is tested. Save the draft to test them.</p> : null}
        <div className="mt-3 flex items-end gap-3">
          <div>
            <label htmlFor="simulation-limit" className="label">Actions to replay</label>
            <input
              id="simulation-limit"
              type="number"
              min={1}
              max={10_000}
              required
              className="input w-36"
              value={limit}
              onChange={(event) => setLimit(event.target.value)}
              aria-describedby="simulation-limit-hint"
            />
          </div>
          <button type="submit" className="btn-primary" disabled={simulate.isPending}>{simulate.isPending ? "Testing…" : "Test this draft"}</button>
        </div>
        <p id="simulation-limit-hint" className="mt-1 text-xs text-slate-500">1 to 10,000; the newest first.</p>
        {simulate.error ? <p role="alert" className="mt-2 text-sm text-red-700">{simulate.error.message}</p> : null}
      </form>
      {result ? <SimulationReport result={result} /> : null}
    </div>
  );
}

function SimulationReport({ result }: { result: SimulationResult }) {
  return (
    <section aria-label="Simulation result" className="space-y-4" data-testid="simulation-result">
      <p className="text-sm" data-testid="simulation-summary">
        <strong>{result.replayed}</strong> action(s) replayed, <strong>{result.changed}</strong> decision(s) would change.
      </p>
      <div className="card overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200" aria-label="Outcomes before and after">
          <thead className="bg-slate-50">
            <tr>
              <th className="table-head px-3">Outcome</th>
              <th className="table-head px-3">Before</th>
              <th className="table-head px-3">With the draft</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {EFFECTS.map((effect) => (
              <tr key={effect} data-testid={`outcome-${effect}`}>
                <th scope="row" className="table-cell px-3 text-left font-medium">{effect}</th>
                <td className="table-cell px-3 tabular-nums">{result.before[effect]}</td>
                <td className="table-cell px-3 tabular-nums">
                  {result.after[effect]}
                  {result.after[effect] !== result.before[effect] ? (
                    <span className="ml-2 text-xs text-slate-500">({result.after[effect] > result.before[effect] ? "+" : ""}{result.after[effect] - result.before[effect]})</span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.changes.length === 0 ? (
        <p className="card px-4 py-3 text-sm text-slate-600">No decision would change.</p>
      ) : (
        <div className="card overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200" aria-label="Changed decisions">
            <thead className="bg-slate-50">
              <tr>
                {["Agent", "Kind", "Tool", "Action", "Before → after", "Reasons"].map((c) => <th key={c} className="table-head px-3">{c}</th>)}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {result.changes.map((change) => (
                <tr key={change.entry_id} data-testid="changed-action">
                  <td className="table-cell px-3 font-mono text-xs">{change.agent_id}</td>
                  <td className="table-cell px-3">{change.kind}</td>
                  <td className="table-cell px-3 font-mono text-xs">{change.tool || "—"}</td>
                  <td className="table-cell px-3">{change.action}</td>
                  <td className="table-cell whitespace-nowrap px-3">{change.before} → <strong>{change.after}</strong></td>
                  <td className="table-cell px-3">
                    <ul>
                      {change.reasons.map((r, i) => (
                        <li key={i}>
                          <code className="text-xs font-semibold">{r.code}</code> {r.message}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
