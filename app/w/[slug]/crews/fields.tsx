// Labelled inputs for the crew forms, each with its hint and its inline error.
type Common = { id: string; label: string; hint?: string; error: string | null };

const describedBy = ({ id, hint, error }: Common) => [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

function Extras({ id, hint, error }: Common) {
  return (
    <>
      {hint ? <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      {error ? <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700">{error}</p> : null}
    </>
  );
}

export function TextField(props: Common & { input: React.InputHTMLAttributes<HTMLInputElement> & { "data-autofocus"?: boolean } }) {
  return (
    <div>
      <label htmlFor={props.id} className="label">{props.label}</label>
      <input id={props.id} className="input" aria-invalid={props.error ? true : undefined} aria-describedby={describedBy(props)} {...props.input} />
      <Extras {...props} />
    </div>
  );
}

export function SelectField(props: Common & { select: React.SelectHTMLAttributes<HTMLSelectElement>; options: { value: string; label: string }[] }) {
  return (
    <div>
      <label htmlFor={props.id} className="label">{props.label}</label>
      <select id={props.id} className="input" aria-invalid={props.error ? true : undefined} aria-describedby={describedBy(props)} {...props.select}>
        {props.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      <Extras {...props} />
    </div>
  );
}

export const WINDOW_OPTIONS = [
  { value: "run", label: "Run (until reset)" },
  { value: "day", label: "Day (UTC)" },
  { value: "month", label: "Month (UTC)" },
];

/** The budget input's value: empty means no budget (null); anything else must read as a number. */
export function parseBudget(raw: string): number | null | "invalid" {
  const text = raw.trim();
  if (text === "") return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : "invalid";
}
