"use client";

// A side drawer with one audit entry: a modal native <dialog> (focus stays inside, Escape closes
// it), every field, the details pretty-printed, both hashes with copy buttons, the previous
// entry and filters for this entry's agent and session.
import Link from "next/link";
import { useEffect, useId, useRef } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { DecisionBadge } from "./decision-badge";
import type { EntryView } from "./types";

type Props = {
  seq: number | null;
  entry: EntryView | null | undefined;
  error: string | null;
  filterHref: (field: "agent" | "session", value: string) => string;
  onOpen: (seq: number) => void;
  onClose: () => void;
};

function Hash({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-1 flex items-start gap-2">
        <code className="min-w-0 flex-1 break-all rounded bg-slate-50 px-2 py-1 text-xs" data-testid={testId}>{value}</code>
        <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />
      </dd>
    </div>
  );
}

function Facts({ entry, filterHref }: { entry: EntryView; filterHref: Props["filterHref"] }) {
  const facts: [string, React.ReactNode][] = [
    ["Entry id", <code key="id" className="text-xs">{entry.entry_id}</code>],
    ["Time (UTC)", <time key="t" dateTime={entry.timestamp}>{entry.timestamp}</time>],
    ["Actor", (
      <span key="actor">{entry.actor_label ? `${entry.actor_label} · ` : ""}<code className="text-xs">{`${entry.actor_type}:${entry.actor_id}`}</code></span>
    )],
    ["Agent", entry.agent_id ? (
      <span key="agent"><code className="text-xs">{entry.agent_id}</code> · <Link className="text-brand-700 underline" href={filterHref("agent", entry.agent_id)}>Filter by this agent</Link></span>
    ) : "—"],
    ["Session", entry.session_id ? (
      <span key="session"><code className="text-xs">{entry.session_id}</code> · <Link className="text-brand-700 underline" href={filterHref("session", entry.session_id)}>Filter by this session</Link></span>
    ) : "—"],
    ["Suggested by", entry.suggested_by ?? "—"],
    ["Tool", entry.tool || "—"],
    ["Action", entry.action],
    ["Decision", <DecisionBadge key="d" decision={entry.decision} />],
    ["Cost (USD)", entry.cost_usd === null ? "—" : String(entry.cost_usd)],
    ["Flagged", entry.flagged ? `yes${entry.flag_reason ? ` (${entry.flag_reason})` : ""}` : "no"],
  ];
  return (
    <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-2 text-sm">
      {facts.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className="min-w-0 break-words text-slate-800">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function EntryDrawer({ seq, entry, error, filterHref, onOpen, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const isOpen = seq !== null;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) dialog.showModal();
    else if (!isOpen && dialog.open) dialog.close();
  }, [isOpen]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-modal="true"
      data-testid="entry-drawer"
      onClose={() => { if (isOpen) onClose(); }}
      className="fixed inset-y-0 left-auto right-0 m-0 h-full max-h-none w-full max-w-xl overflow-y-auto border-l border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/30"
    >
      {isOpen ? (
        <div className="space-y-5 p-5">
          <header className="flex items-start justify-between gap-3">
            <h2 id={titleId} className="break-words font-semibold text-slate-900">
              Entry seq {seq}{entry ? `: ${entry.action}` : ""}
            </h2>
            <button type="button" className="btn-secondary" onClick={onClose}>Close</button>
          </header>
          {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
          {entry === undefined && !error ? <p className="text-sm text-slate-600">Loading entry…</p> : null}
          {entry === null ? <p className="text-sm text-slate-600">This workspace has no entry with seq {seq}.</p> : null}
          {entry ? (
            <>
              <Facts entry={entry} filterHref={filterHref} />
              <section aria-label="Details">
                <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Details</h3>
                <pre className="max-h-72 overflow-auto rounded bg-slate-50 p-3 text-xs" data-testid="entry-details">{JSON.stringify(entry.details, null, 2)}</pre>
              </section>
              <section aria-label="Hashes">
                <dl className="space-y-3">
                  <Hash label="Entry hash" value={entry.entry_hash} testId="entry-hash" />
                  <Hash label="Previous hash" value={entry.prev_hash} testId="prev-hash" />
                </dl>
                {entry.seq > 1 ? (
                  <button type="button" className="mt-3 text-sm text-brand-700 underline" onClick={() => onOpen(entry.seq - 1)}>
                    Open the previous entry (seq {entry.seq - 1})
                  </button>
                ) : (
                  <p className="mt-3 text-sm text-slate-600">The first entry: its previous hash is the chain&apos;s genesis hash.</p>
                )}
              </section>
            </>
          ) : null}
        </div>
      ) : null}
    </dialog>
  );
}
