"use client";

// "Verify now": the whole chain, chunk by chunk through server actions, with progress and a
// Cancel button; the server signs each step's progress and records the outcome as an
// audit.verified event at the end. A failure names the entry (seq and why) and opens it.
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { showEntry } from "@/components/audit/entry-url";
import type { SignedProgress } from "@/lib/audit/verify-receipt";
import { finishVerificationAction, verifyChunkAction } from "./actions";

export const CHUNK_SIZE = 2_000;
type Finished = { verified: boolean; entries_checked: number; through: number; problem: SignedProgress["problem"]; event_seq: number };
type Step = { progress: SignedProgress; head_seq: number };
type State =
  | { phase: "idle" }
  | { phase: "running"; checked: number; through: number; total: number }
  | { phase: "cancelled"; checked: number; total: number }
  | { phase: "done"; result: Finished }
  | { phase: "error"; message: string };

const n = (value: number) => value.toLocaleString("en-US");

async function unwrap<T>(result: Promise<{ ok: true; data: T } | { ok: false; error: string }>): Promise<T> {
  const answer = await result;
  if (!answer.ok) throw new Error(answer.error);
  return answer.data;
}

export function ChainStatus({ slug, headSeq }: { slug: string; headSeq: number }) {
  const router = useRouter();
  const [state, setState] = useState<State>({ phase: "idle" });
  const isCancelled = useRef(false);

  async function verify() {
    isCancelled.current = false;
    setState({ phase: "running", checked: 0, through: 0, total: headSeq });
    try {
      let previous: SignedProgress | null = null;
      let total: number | null = null;
      for (;;) {
        const step: Step = await unwrap(verifyChunkAction(slug, { previous, size: CHUNK_SIZE }));
        const { progress } = step;
        const advanced = progress.through > (previous?.through ?? 0);
        previous = progress;
        const goal = (total ??= step.head_seq); // entries appended meanwhile are checked by the final step
        setState({ phase: "running", checked: progress.entries_checked, through: progress.through, total: goal });
        if (isCancelled.current) return setState({ phase: "cancelled", checked: progress.entries_checked, total: goal });
        if (progress.problem || progress.through >= goal || !advanced) break;
      }
      const result = await unwrap(finishVerificationAction(slug, { previous }));
      setState({ phase: "done", result });
      if (result.verified) toast.success(`Chain verified: ${n(result.entries_checked)} entries`);
      else toast.error(`Chain verification failed at seq ${result.problem?.seq}`);
      router.refresh();
    } catch (error) {
      const message = error instanceof Error ? error.message : "Could not reach the server";
      setState({ phase: "error", message });
      toast.error(`Verification stopped: ${message}`);
    }
  }

  const running = state.phase === "running" ? state : null;
  return (
    <section aria-labelledby="chain-title" className="card space-y-3 p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="chain-title" className="font-semibold text-slate-900">Chain integrity</h2>
          <p className="text-sm text-slate-600">
            {n(headSeq)} entries, each hashed with the one before it. Verifying recomputes every hash in the database, checks every link and the
            chain head, and records an <code>audit.verified</code> event.
          </p>
        </div>
        <div className="flex gap-2">
          <button type="button" className="btn-primary" onClick={() => void verify()} disabled={running !== null}>Verify now</button>
          {running ? <button type="button" className="btn-secondary" onClick={() => (isCancelled.current = true)}>Cancel</button> : null}
        </div>
      </div>
      {running ? (
        <div className="space-y-1">
          <div role="progressbar" aria-label="Verification progress" aria-valuemin={0} aria-valuemax={running.total} aria-valuenow={Math.min(running.through, running.total)} className="h-2 overflow-hidden rounded bg-slate-100">
            <div className="h-full bg-brand-600 transition-all" style={{ width: `${running.total ? Math.min(100, (100 * running.through) / running.total) : 0}%` }} />
          </div>
          <p className="text-sm tabular-nums text-slate-700" data-testid="verify-progress">
            Verified {n(running.checked)} of {n(running.total)} entries
          </p>
        </div>
      ) : null}
      <div role="status" data-testid="chain-status" className="text-sm">
        <StatusText state={state} />
      </div>
    </section>
  );
}

function StatusText({ state }: { state: State }) {
  switch (state.phase) {
    case "idle":
      return <span className="text-slate-600">Not verified yet on this page.</span>;
    case "running":
      return <span className="text-slate-600">Verifying…</span>;
    case "cancelled":
      return <span className="text-slate-700">Cancelled after {n(state.checked)} of {n(state.total)} entries; nothing was recorded.</span>;
    case "error":
      return <span className="text-red-700">Verification stopped: {state.message}</span>;
    case "done": {
      const { result } = state;
      if (result.verified) {
        return (
          <span className="font-medium text-emerald-800">
            ✓ Chain verified: all {n(result.entries_checked)} entries through seq {result.through} are intact (recorded as entry seq {result.event_seq}).
          </span>
        );
      }
      const problem = result.problem!;
      return (
        <span className="text-red-700">
          <strong>✗ Verification failed at seq {problem.seq}</strong> ({problem.kind.replace("_", " ")}): {problem.message}.{" "}
          {problem.entry_id ? (
            <button type="button" className="underline" onClick={() => showEntry(problem.seq)}>Open entry seq {problem.seq}</button>
          ) : null}
        </span>
      );
    }
  }
}
