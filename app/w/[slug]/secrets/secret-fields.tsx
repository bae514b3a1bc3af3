// Form pieces shared by the Secrets page's forms.

type FieldProps = {
  id: string;
  label: string;
  hint?: string;
  error: string | null;
  input: React.InputHTMLAttributes<HTMLInputElement> & { "data-autofocus"?: boolean };
};

/** A labelled input with its hint and its error, both announced with the input. */
export function Field({ id, label, hint, error, input }: FieldProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div>
      <label htmlFor={id} className="label">{label}</label>
      <input id={id} className="input" aria-invalid={error ? true : undefined} aria-describedby={describedBy || undefined} {...input} />
      {hint ? <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      <FormError id={`${id}-error`} message={error} />
    </div>
  );
}

export function FormError({ id, message }: { id?: string; message: string | null }) {
  return message ? <p id={id} role="alert" className="mt-1 text-sm text-red-700">{message}</p> : null;
}

/**
 * The props of a secret's value input: a password field that browsers and password managers
 * neither fill with the user's own password nor offer to save, and that React never controls
 * (a controlled input would mirror what is typed into its `value` attribute, i.e. into the DOM).
 */
export const valueInputProps = {
  name: "value",
  type: "password",
  required: true,
  autoComplete: "new-password",
  spellCheck: false,
  "data-1p-ignore": true,
  "data-lpignore": "true",
} as const;

/** Reads the value input and empties it at once: the value leaves the page only in the request. */
export function takeValue(form: HTMLFormElement): string {
  const input = form.elements.namedItem("value");
  if (!(input instanceof HTMLInputElement)) return "";
  const value = input.value;
  input.value = "";
  return value;
}

export const SCOPE_HINT = "The session scope an agent needs to read it, e.g. read or vault:prod (a session with admin reads every secret).";
