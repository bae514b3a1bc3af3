"use client";

// The timeline's filters (tool, decision, flagged, text), kept in the URL so a filtered view
// can be shared and the server renders its first page.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { TIMELINE_FILTERS } from "./timeline-options";

type Values = Record<(typeof TIMELINE_FILTERS)[number], string>;

export function TimelineFilters({ initial }: { initial: Values }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [values, setValues] = useState(initial);
  const set = (key: keyof Values) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValues({ ...values, [key]: e.target.value });
  const apply = (next: Values) => {
    const params = new URLSearchParams(searchParams.toString());
    for (const key of TIMELINE_FILTERS) {
      if (next[key]) params.set(key, next[key]);
      else params.delete(key);
    }
    router.replace(`${pathname}?${params.toString()}`, { scroll: false });
  };
  return (
    <form
      className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3"
      aria-label="Timeline filters"
      onSubmit={(e) => {
        e.preventDefault();
        apply(values);
      }}
    >
      <div>
        <label htmlFor="tl-decision" className="label">Decision</label>
        <select id="tl-decision" className="input" value={values.decision} onChange={set("decision")}>
          <option value="">Any</option>
          {["ALLOW", "LOG", "CONSTRAIN", "BLOCK", "ESCALATE"].map((d) => <option key={d} value={d}>{d}</option>)}
          <option value="NONE">No decision</option>
        </select>
      </div>
      <div>
        <label htmlFor="tl-flagged" className="label">Flagged</label>
        <select id="tl-flagged" className="input" value={values.flagged} onChange={set("flagged")}>
          <option value="">Any</option>
          <option value="true">Flagged</option>
          <option value="false">Not flagged</option>
        </select>
      </div>
      <div>
        <label htmlFor="tl-tool" className="label">Tool</label>
        <input id="tl-tool" className="input w-36" value={values.tool} onChange={set("tool")} />
      </div>
      <div>
        <label htmlFor="tl-q" className="label">Search</label>
        <input id="tl-q" type="search" className="input w-48" value={values.q} onChange={set("q")} placeholder="action, details or entry id" />
      </div>
      <button type="submit" className="btn-primary">Apply filters</button>
      <button
        type="button"
        className="btn-secondary"
        onClick={() => {
          const cleared = { tool: "", decision: "", flagged: "", q: "" };
          setValues(cleared);
          apply(cleared);
        }}
      >
        Clear
      </button>
    </form>
  );
}
