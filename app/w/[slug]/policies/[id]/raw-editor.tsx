"use client";

// The draft as text: YAML or JSON, checked with PolicyDocumentSchema on every keystroke, so
// each problem is listed with its path (or, for a syntax error, its line) before saving.
import { useRef } from "react";
import { toast } from "sonner";
import { checkText, parseText, toText, type TextCheck, type TextFormat } from "../policy-text";

type Props = {
  text: string;
  format: TextFormat;
  check: TextCheck;
  onChange: (next: { text: string; format: TextFormat }) => void;
  onSave: () => void;
  isSaving: boolean;
  isReadOnly: boolean;
};

export function RawEditor({ text, format, check, onChange, onSave, isSaving, isReadOnly }: Props) {
  const fileInput = useRef<HTMLInputElement>(null);

  function switchFormat(next: TextFormat) {
    if (next === format) return;
    // Converting needs text that parses; otherwise the other format starts from the same text.
    const parsed = parseText(text, format);
    if (!parsed.ok) {
      toast.error(`Fix the ${format.toUpperCase()} syntax error before switching to ${next.toUpperCase()}`);
      return;
    }
    onChange({ text: toText(parsed.value, next), format: next });
  }

  async function importFile(event: React.ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    const imported = await file.text();
    onChange({ text: imported, format: "yaml" });
    const result = checkText(imported, "yaml");
    toast[result.ok ? "success" : "error"](`Loaded ${file.name}${result.ok ? ": save the draft to keep it" : `: ${result.issues.length} problem(s) to fix`}`);
  }

  const issuesId = "raw-issues";
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <fieldset className="flex items-center gap-3 text-sm">
          <legend className="sr-only">Format</legend>
          {(["yaml", "json"] as const).map((f) => (
            <label key={f} className="flex items-center gap-1.5">
              <input type="radio" name="raw-format" value={f} checked={format === f} onChange={() => switchFormat(f)} />
              {f.toUpperCase()}
            </label>
          ))}
        </fieldset>
        {isReadOnly ? null : (
          <div className="flex gap-2">
            <input ref={fileInput} id="import-yaml" type="file" accept=".yaml,.yml,application/yaml,text/yaml" className="sr-only" onChange={importFile} aria-label="Import YAML file" tabIndex={-1} />
            <button type="button" className="btn-secondary" onClick={() => fileInput.current?.click()}>Import YAML…</button>
          </div>
        )}
      </div>
      <label htmlFor="raw-document" className="label">Draft as {format.toUpperCase()}</label>
      <textarea
        id="raw-document"
        className="input min-h-[28rem] font-mono text-xs leading-5"
        value={text}
        onChange={(event) => onChange({ text: event.target.value, format })}
        readOnly={isReadOnly}
        spellCheck={false}
        aria-invalid={check.ok ? undefined : true}
        aria-describedby={issuesId}
      />
      <div id={issuesId} aria-live="polite">
        {check.ok ? (
          <p className="text-sm text-emerald-700" data-testid="raw-valid">Valid policy document.</p>
        ) : (
          <ul className="space-y-1 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800" data-testid="raw-issues">
            {check.issues.map((issue, i) => (
              <li key={i}>
                <code className="font-semibold">{issue.path}</code>: {issue.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      {isReadOnly ? null : (
        <button type="button" className="btn-primary" onClick={onSave} disabled={isSaving}>{isSaving ? "Saving…" : "Save draft"}</button>
      )}
    </div>
  );
}
