"use client";

import { toast } from "sonner";
import { errorFor, useServerAction } from "@/components/forms/use-server-action";
import { addCrewMemberAction } from "../actions";

const FIELDS = ["agent_id"] as const;

/** Adds one of the workspace's agents that is not a member yet. */
export function AddMemberForm({ slug, crewId, candidates }: { slug: string; crewId: string; candidates: string[] }) {
  const add = useServerAction(
    (input: { crew_id: string; agent_id: string }) => addCrewMemberAction(slug, input),
    (crew) => toast.success(`Member added: ${crew.name} now has ${crew.members.length}`),
  );
  if (candidates.length === 0) {
    return <p className="text-sm text-slate-600">Every agent of the workspace is a member. New agents appear when they first create a session, or on the Agents page.</p>;
  }
  const error = errorFor(add.error, "agent_id", FIELDS) ?? errorFor(add.error, undefined, FIELDS);
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        add.run({ crew_id: crewId, agent_id: String(new FormData(event.currentTarget).get("agent_id") ?? "") });
      }}
    >
      <div className="min-w-64">
        <label htmlFor="add-member" className="label">Add an agent</label>
        <select id="add-member" name="agent_id" className="input" aria-invalid={error ? true : undefined} aria-describedby={error ? "add-member-error" : undefined}>
          {candidates.map((agent) => <option key={agent} value={agent}>{agent}</option>)}
        </select>
      </div>
      <button type="submit" className="btn-primary" disabled={add.isPending}>{add.isPending ? "Adding…" : "Add member"}</button>
      {error ? <p id="add-member-error" role="alert" className="w-full text-sm text-red-700">{error}</p> : null}
    </form>
  );
}
