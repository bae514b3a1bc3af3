"use client";

// The explorer's filters, kept in the URL: applying or clearing them navigates to the new
// search parameters, so the server renders the matching count and first page and the view can
// be shared. Times are entered and shown in UTC.
import { useRouter } from "next/navigation";
import { useTransition } from "react";

type Props = {
  basePath: string;
  values: Record<string, string>;
  agents: string[];
  tools: string[];
  error: { field: string; message: string } | null;
};

const DECISIONS = ["ALLOW", "LOG", "CONSTRAIN", "BLOCK", "ESCALATE"];

/** An ISO instant as a datetime-local value in UTC ("" when absent or not a date). */
const toLocalInput = (iso: string | undefined) => {
  const date = iso ? new Date(iso) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(0, 16) : "";
};
/** A datetime-local value, read as UTC, as an ISO instant. */
const fromLocalInput = (value: string) => `${value.length === 16 ? `${value}:00` : value}.000Z`.replace(/(\.\d{3})\.000Z$/, "$1Z");

export function FilterForm({ basePath, values, agents, tools, error }: Props) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const go = (href: string) => startTransition(() => router.push(href, { scroll: false }));
  const errorId = (field: string) => (error?.field === field ? "filter-error" : undefined);

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, raw] of new FormData(event.currentTarget).entries()) {
      const value = String(raw).trim();
      if (!value) continue;
      params.set(key, key === "from" || key === "to" ? fromLocalInput(value) : value);
    }
    go(params.size ? `${basePath}?${params}` : basePath);
  }

  const field = (name: string, label: string, input: React.ReactNode) => (
    <div className="min-w-0">
      <label htmlFor={`filter-${name}`} className="label">{label}</label>
      {input}
    </div>
  );
  const text = (name: string, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <input id={`filter-${name}`} name={name} defaultValue={values[name] ?? ""} className="input" aria-invalid={error?.field === name || undefined} aria-describedby={errorId(name)} {...extra} />
  );

  return (
    <form onSubmit={submit} className="card space-y-4 p-4" aria-label="Filter entries" key={JSON.stringify(values)}>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {field("agent", "Agent", <>{text("agent", { list: "filter-agents", placeholder: "any agent" })}<datalist id="filter-agents">{agents.map((a) => <option key={a} value={a} />)}</datalist></>)}
        {field("session", "Session id", text("session", { placeholder: "ses_…" }))}
        {field("tool", "Tool", <>{text("tool", { list: "filter-tools", placeholder: "any tool" })}<datalist id="filter-tools">{tools.map((t) => <option key={t} value={t} />)}</datalist></>)}
        {field("decision", "Decision", (
          <select id="filter-decision" name="decision" defaultValue={values.decision ?? ""} className="input" aria-invalid={error?.field === "decision" || undefined} aria-describedby={errorId("decision")}>
            <option value="">Any decision</option>
            {DECISIONS.map((d) => <option key={d} value={d}>{d}</option>)}
            <option value="NONE">No decision</option>
          </select>
        ))}
        {field("flagged", "Flagged", (
          <select id="filter-flagged" name="flagged" defaultValue={values.flagged ?? ""} className="input" aria-invalid={error?.field === "flagged" || undefined} aria-describedby={errorId("flagged")}>
            <option value="">Flagged or not</option>
            <option value="true">Flagged only</option>
            <option value="false">Not flagged</option>
          </select>
        ))}
        {field("from", "From (UTC)", text("from", { type: "datetime-local", defaultValue: toLocalInput(values.from) }))}
        {field("to", "To (UTC)", text("to", { type: "datetime-local", defaultValue: toLocalInput(values.to) }))}
        {field("q", "Text in action or details", text("q", { type: "search", placeholder: "e.g. invoice-42" }))}
      </div>
      {error ? (
        <p id="filter-error" role="alert" className="text-sm text-red-700" data-testid="filter-error">
          Invalid filter “{error.field}”: {error.message}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn-primary" disabled={isPending}>Apply filters</button>
        <button type="button" className="btn-secondary" disabled={isPending} onClick={() => go(basePath)}>Clear filters</button>
        <span className="text-xs text-slate-500" aria-live="polite">{isPending ? "Updating…" : "Times are in UTC."}</span>
      </div>
    </form>
  );
}
