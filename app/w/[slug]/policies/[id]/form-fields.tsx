// The rule builder's inputs: each labelled, with its hint and, when the server or the schema
// refused the field it edits, the reason next to it (announced with the input).

export type ErrorAt = (path: string) => string | null;

type TextFieldProps = {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  hint?: string;
  placeholder?: string;
  isReadOnly?: boolean;
  className?: string;
  inputMode?: "decimal" | "numeric" | "text";
  srOnlyLabel?: boolean;
};

const describedBy = (id: string, hint?: string, error?: string | null) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

export function TextField({ id, label, value, onChange, error, hint, placeholder, isReadOnly, className, inputMode, srOnlyLabel }: TextFieldProps) {
  return (
    <div className={className}>
      <label htmlFor={id} className={srOnlyLabel ? "sr-only" : "label"}>{label}</label>
      <input
        id={id}
        className="input"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        readOnly={isReadOnly}
        placeholder={placeholder}
        inputMode={inputMode}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      {hint ? <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      <FieldError id={`${id}-error`} message={error ?? null} />
    </div>
  );
}

type SelectFieldProps = {
  id: string;
  label: string;
  value: string;
  options: readonly string[];
  /** What an option shows when not its value (e.g. "" shows "unset"). */
  optionLabels?: Record<string, string>;
  onChange: (value: string) => void;
  error?: string | null;
  isReadOnly?: boolean;
  className?: string;
  srOnlyLabel?: boolean;
};

export function SelectField({ id, label, value, options, optionLabels, onChange, error, isReadOnly, className, srOnlyLabel }: SelectFieldProps) {
  return (
    <div className={className}>
      <label htmlFor={id} className={srOnlyLabel ? "sr-only" : "label"}>{label}</label>
      <select
        id={id}
        className="input"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        disabled={isReadOnly}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {options.map((option) => <option key={option} value={option}>{optionLabels?.[option] ?? option}</option>)}
      </select>
      <FieldError id={`${id}-error`} message={error ?? null} />
    </div>
  );
}

type CheckboxesProps = {
  id: string;
  legend: string;
  options: readonly string[];
  checked: readonly string[];
  onChange: (checked: string[]) => void;
  hint?: string;
  error?: string | null;
  isReadOnly?: boolean;
};

export function Checkboxes({ id, legend, options, checked, onChange, hint, error, isReadOnly }: CheckboxesProps) {
  const toggle = (option: string) =>
    onChange(checked.includes(option) ? checked.filter((c) => c !== option) : options.filter((o) => o === option || checked.includes(o)));
  return (
    <fieldset aria-describedby={describedBy(id, hint, error)}>
      <legend className="label">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((option) => (
          <label key={option} className="flex items-center gap-1.5 text-sm">
            <input type="checkbox" checked={checked.includes(option)} onChange={() => toggle(option)} disabled={isReadOnly} />
            <code className="text-xs">{option}</code>
          </label>
        ))}
      </div>
      {hint ? <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      <FieldError id={`${id}-error`} message={error ?? null} />
    </fieldset>
  );
}

export function FieldError({ id, message }: { id?: string; message: string | null }) {
  return message ? <p id={id} role="alert" className="mt-1 text-sm text-red-700">{message}</p> : null;
}
