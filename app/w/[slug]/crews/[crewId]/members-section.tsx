"use client";

import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { useServerAction } from "@/components/forms/use-server-action";
import { ModalDialog } from "@/components/ui/modal-dialog";
import type { CrewAgentBreakdown } from "@/lib/crews/crew-agent-breakdown";
import { money } from "../../sessions/session-cells";
import { removeCrewMemberAction } from "../actions";
import { AddMemberForm } from "./add-member-form";

type Props = { slug: string; crewId: string; crewName: string; rows: CrewAgentBreakdown[]; candidates: string[]; canManage: boolean };

const percent = (share: number | null) => (share === null ? "—" : `${(share * 100).toFixed(1)}%`);

export function MembersSection({ slug, crewId, crewName, rows, candidates, canManage }: Props) {
  const [removing, setRemoving] = useState<string | null>(null);
  const remove = useServerAction(
    (input: { crew_id: string; agent_id: string }) => removeCrewMemberAction(slug, input),
    () => {
      toast.success(`${removing} removed from ${crewName}`);
      setRemoving(null);
    },
  );
  const columns = ["Agent", "Spent in window", "Share of budget", "Payments", "Actions", ...(canManage ? [""] : [])];
  return (
    <div className="space-y-4">
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">
          No members yet. {canManage ? "Add the crew's agents below" : "An admin adds agents here"}, or an agent joins by creating a session with this crew_id.
        </p>
      ) : (
        <div className="card overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200" aria-label="Members and spend by agent">
            <thead className="bg-slate-50">
              <tr>{columns.map((c, i) => <th key={i} className="table-head px-3">{c || <span className="sr-only">Remove</span>}</th>)}</tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.agent_id} data-testid={`member-${row.agent_id}`}>
                  <th scope="row" className="table-cell px-3 text-left font-normal">
                    <Link href={`/w/${slug}/agents/${encodeURIComponent(row.agent_id)}`} className="font-medium text-brand-700 hover:underline">{row.agent_id}</Link>
                    {row.display_name ? <span className="ml-2 text-xs text-slate-500">{row.display_name}</span> : null}
                    {row.is_member ? null : <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-600">left the crew</span>}
                  </th>
                  <td className="table-cell px-3 tabular-nums" data-testid="agent-spent">{money(row.spent)}</td>
                  <td className="table-cell px-3 tabular-nums" data-testid="agent-share">{percent(row.budget_share)}</td>
                  <td className="table-cell px-3 tabular-nums">{row.payments}</td>
                  <td className="table-cell px-3 tabular-nums">{row.actions}</td>
                  {canManage ? (
                    <td className="table-cell px-3 text-right">
                      {row.is_member ? (
                        <button type="button" className="btn-secondary text-red-700" aria-label={`Remove ${row.agent_id}`} onClick={() => { remove.setError(null); setRemoving(row.agent_id); }}>
                          Remove
                        </button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="border-t border-slate-100 px-3 py-2 text-xs text-slate-500">
            Within the crew&apos;s current window. Actions are the audit events of the agent&apos;s sessions in this crew: scope checks, payments and
            their policy evaluations, logged actions, secret reads.
          </p>
        </div>
      )}
      {canManage ? <AddMemberForm slug={slug} crewId={crewId} candidates={candidates} /> : null}
      <ModalDialog isOpen={removing !== null} title={`Remove ${removing ?? ""} from ${crewName}?`} onClose={() => setRemoving(null)}>
        <div className="space-y-4 text-sm text-slate-700">
          <p>Its spend so far stays on the crew&apos;s record. Sessions it already holds with this crew_id still count against the crew&apos;s budget until they end.</p>
          {remove.error ? <p role="alert" className="text-red-700">{remove.error.message}</p> : null}
          <div className="flex justify-end gap-2">
            <button type="button" className="btn-secondary" onClick={() => setRemoving(null)} data-autofocus>Cancel</button>
            <button type="button" className="btn-danger" disabled={remove.isPending} onClick={() => removing && remove.run({ crew_id: crewId, agent_id: removing })}>
              {remove.isPending ? "Removing…" : "Remove member"}
            </button>
          </div>
        </div>
      </ModalDialog>
    </div>
  );
}
