// The Executions filters as a plain GET form: the URL holds them, so a view can be shared, and
// it works before hydration. Empty fields are dropped by the page.
import Link from "next/link";
import { CODE_DECISIONS, RESULT_FILTERS } from "@/lib/exec/run-schemas";
import { CODE_LANGUAGES } from "@/lib/exec/types";

type Props = { basePath: string; values: Record<string, string>; error: { field: string; message: string } | null };

export function ExecutionFilterForm({ basePath, values, error }: Props) {
  const select = (name: string, label: string, any: string, options: readonly string[]) => (
    <div>
      <label htmlFor={`filter-${name}`} className="label">{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={values[name] ?? ""} className="input" aria-invalid={error?.field === name || undefined}>
        <option value="">{any}</option>
        {options.map((o) => <option key={o} value={o}>{o}</option>)}
      </select>
    </div>
  );
  const text = (name: string, label: string, placeholder: string) => (
    <div>
      <label htmlFor={`filter-${name}`} className="label">{label}</label>
      <input id={`filter-${name}`} name={name} defaultValue={values[name] ?? ""} placeholder={placeholder} className="input" aria-invalid={error?.field === name || undefined} />
    </div>
  );
  return (
    <form action={basePath} method="get" className="card space-y-4 p-4" aria-label="Filter executions">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
        {text("agent_id", "Executor", "any agent")}
        {text("suggested_by", "Suggester", "any agent")}
        {select("decision", "Decision", "Any decision", CODE_DECISIONS)}
        {select("language", "Language", "Any language", CODE_LANGUAGES)}
        {select("result", "Result", "Any result", RESULT_FILTERS)}
      </div>
      {error ? <p role="alert" className="text-sm text-red-700" data-testid="filter-error">Invalid filter “{error.field}”: {error.message}</p> : null}
      <div className="flex gap-3">
        <button type="submit" className="btn-primary">Apply filters</button>
        <Link href={basePath} className="btn-secondary">Clear</Link>
      </div>
    </form>
  );
}
