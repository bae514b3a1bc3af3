"use client";

// The code-execution rules: which languages, modules, operations, paths and hosts the agent's
// code may use, what a violation gets, and what the sandbox must apply when the code may run.
import { CODE_LANGUAGES, OPERATION_KINDS } from "@/lib/exec/types";
import { CODE_EFFECTS, CODE_LISTS, type CodeForm } from "./code-form";
import { Checkboxes, SelectField, TextField, type ErrorAt } from "./form-fields";

type Props = { code: CodeForm; onChange: (code: CodeForm) => void; errorAt: ErrorAt; isReadOnly: boolean };

const LISTS: Record<(typeof CODE_LISTS)[number], { id: string; label: string; hint: string }> = {
  allowed_modules: { id: "code-allowed-modules", label: "Allowed modules", hint: "Comma-separated; when set, any other import is refused (submodules of a listed one are allowed)." },
  denied_modules: { id: "code-denied-modules", label: "Denied modules", hint: "Comma-separated, e.g. subprocess, os (os denies os.path too)." },
  read_paths: { id: "code-read-paths", label: "Readable paths", hint: "Comma-separated globs a file read must match, e.g. ./data/**" },
  write_paths: { id: "code-write-paths", label: "Writable paths", hint: "Comma-separated globs a file write must match, e.g. ./out/**" },
  network_hosts: { id: "code-network-hosts", label: "Network hosts", hint: "Comma-separated, e.g. api.example.com, *.internal" },
};

const EFFECTS: { field: keyof typeof CODE_EFFECTS; id: string; label: string }[] = [
  { field: "on_violation", id: "code-on-violation", label: "On a violation" },
  { field: "on_unknown_target", id: "code-on-unknown-target", label: "On a computed path or host" },
  { field: "on_obfuscation", id: "code-on-obfuscation", label: "On obfuscated code" },
  { field: "on_parse_error", id: "code-on-parse-error", label: "On code that does not parse" },
];

export function CodeFields({ code, onChange, errorAt, isReadOnly }: Props) {
  const set = <K extends keyof CodeForm>(field: K, value: CodeForm[K]) => onChange({ ...code, [field]: value });
  const at = (field: string) => errorAt(`code.${field}`);
  const common = { isReadOnly };
  return (
    <div className="space-y-3">
      <div className="grid gap-3 md:grid-cols-2">
        <Checkboxes id="code-languages" legend="Languages" options={CODE_LANGUAGES} checked={code.languages} onChange={(v) => set("languages", v as CodeForm["languages"])} hint="None checked: any language." error={at("languages")} {...common} />
        <TextField id="code-max-code-bytes" label="Max code bytes" inputMode="numeric" value={code.max_code_bytes} onChange={(v) => set("max_code_bytes", v)} error={at("max_code_bytes")} {...common} />
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        {CODE_LISTS.map((field) => (
          <TextField key={field} id={LISTS[field].id} label={LISTS[field].label} value={code[field]} onChange={(v) => set(field, v)} hint={LISTS[field].hint} error={at(field)} {...common} />
        ))}
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <div>
          <label className="mb-1 flex items-center gap-2 text-sm font-medium text-slate-700">
            <input type="checkbox" checked={code.allowedOperations !== undefined} onChange={(event) => set("allowedOperations", event.target.checked ? [] : undefined)} disabled={isReadOnly} />
            Allow only the checked operations
          </label>
          {code.allowedOperations ? (
            <Checkboxes id="code-allowed-operations" legend="Allowed operations" options={OPERATION_KINDS} checked={code.allowedOperations} onChange={(v) => set("allowedOperations", v as CodeForm["deniedOperations"])} hint="None checked: no operation is allowed." error={at("allowed_operations")} {...common} />
          ) : (
            <p className="text-xs text-slate-500">Off: any operation not denied.</p>
          )}
        </div>
        <Checkboxes id="code-denied-operations" legend="Denied operations" options={OPERATION_KINDS} checked={code.deniedOperations} onChange={(v) => set("deniedOperations", v as CodeForm["deniedOperations"])} error={at("denied_operations")} {...common} />
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        {EFFECTS.map(({ field, id, label }) => (
          <SelectField key={field} id={id} label={`${label} (default ${CODE_EFFECTS[field]})`} value={code[field]} options={["BLOCK", "ESCALATE"]} onChange={(v) => set(field, v as CodeForm[typeof field])} error={at(field)} {...common} />
        ))}
      </div>
      <fieldset className="rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-700">Sandbox runtime (applied when the code may run)</legend>
        <div className="grid gap-3 md:grid-cols-4">
          <TextField id="code-runtime-time-limit" label="Time limit (seconds)" inputMode="numeric" value={code.timeLimit} onChange={(v) => set("timeLimit", v)} error={at("runtime.time_limit_s")} {...common} />
          <TextField id="code-runtime-memory" label="Memory (MB)" inputMode="numeric" value={code.memory} onChange={(v) => set("memory", v)} error={at("runtime.memory_mb")} {...common} />
          <SelectField id="code-runtime-network" label="Network" value={code.network} options={["", "on", "off"]} optionLabels={{ "": "unset" }} onChange={(v) => set("network", v as CodeForm["network"])} error={at("runtime.network")} {...common} />
          <TextField id="code-runtime-writable-paths" label="Sandbox writable paths" value={code.writablePaths} onChange={(v) => set("writablePaths", v)} hint="Comma-separated, e.g. ./out" error={at("runtime.writable_paths")} {...common} />
        </div>
      </fieldset>
    </div>
  );
}
