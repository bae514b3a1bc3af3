"use client";

// The form view of a draft: the policy's basics, its ordered rules, its payment rules and its
// code-execution rules.
import { CodeFields } from "./code-fields";
import { emptyRule, type PolicyForm, type RuleForm } from "./form-model";
import { FieldError, SelectField, TextField, type ErrorAt } from "./form-fields";
import { PaymentFields } from "./payment-fields";
import { RuleCard } from "./rule-card";

type Props = { form: PolicyForm; onChange: (form: PolicyForm) => void; errorAt: ErrorAt; isReadOnly: boolean };

export function RuleBuilder({ form, onChange, errorAt, isReadOnly }: Props) {
  const set = <K extends keyof PolicyForm>(field: K, value: PolicyForm[K]) => onChange({ ...form, [field]: value });
  const setRule = (i: number, rule: RuleForm) => set("rules", form.rules.map((r, k) => (k === i ? rule : r)));
  const move = (i: number, delta: -1 | 1) => {
    const rules = [...form.rules];
    const [rule] = rules.splice(i, 1);
    rules.splice(i + delta, 0, rule!);
    set("rules", rules);
  };
  return (
    <div className="space-y-6">
      <section aria-labelledby="basics-title" className="card p-4">
        <h2 id="basics-title" className="mb-3 font-semibold">Policy</h2>
        <div className="grid gap-3 md:grid-cols-2">
          <TextField id="policy-name" label="Name" value={form.name} onChange={(v) => set("name", v)} error={errorAt("name")} isReadOnly={isReadOnly} />
          <TextField id="policy-description" label="Description" value={form.description} onChange={(v) => set("description", v)} error={errorAt("description")} isReadOnly={isReadOnly} />
        </div>
        <div className="mt-3 grid gap-3 md:grid-cols-3">
          <SelectField id="policy-target" label="Applies to" value={form.targetKind} options={["all", "crew", "agent"]} onChange={(v) => set("targetKind", v as PolicyForm["targetKind"])} error={errorAt("target.kind")} isReadOnly={isReadOnly} />
          {form.targetKind === "all" ? null : (
            <TextField
              id="policy-target-id"
              label={form.targetKind === "crew" ? "Crew id" : "Agent id"}
              placeholder={form.targetKind === "crew" ? "crw_…" : "researcher"}
              value={form.targetId}
              onChange={(v) => set("targetId", v)}
              error={errorAt(form.targetKind === "crew" ? "target.crew_id" : "target.agent_id")}
              isReadOnly={isReadOnly}
            />
          )}
          <SelectField id="policy-default" label="Default (no rule matches)" value={form.default} options={["BLOCK", "ALLOW"]} onChange={(v) => set("default", v as PolicyForm["default"])} error={errorAt("default")} isReadOnly={isReadOnly} />
        </div>
      </section>

      <section aria-labelledby="rules-title" className="space-y-3">
        <div className="flex items-center justify-between">
          <h2 id="rules-title" className="font-semibold">Rules <span className="text-sm font-normal text-slate-500">(the strictest effect of all matching rules wins)</span></h2>
          {isReadOnly ? null : (
            <button type="button" className="btn-secondary" onClick={() => set("rules", [...form.rules, emptyRule(form.rules.length)])}>Add rule</button>
          )}
        </div>
        <FieldError message={errorAt("rules")} />
        {form.rules.length === 0 ? <p className="card px-4 py-3 text-sm text-slate-600">No rules: every action gets the default ({form.default}){form.hasPayments ? ", payments are checked against the payment rules" : ""}.</p> : null}
        {form.rules.map((rule, i) => (
          <RuleCard
            key={rule.key}
            rule={rule}
            index={i}
            count={form.rules.length}
            onChange={(next) => setRule(i, next)}
            onMove={(delta) => move(i, delta)}
            onRemove={() => set("rules", form.rules.filter((_, k) => k !== i))}
            errorAt={errorAt}
            isReadOnly={isReadOnly}
          />
        ))}
      </section>

      <OptionalSection id="payments" title="Payment rules" toggle="Check payments" isOn={form.hasPayments} onToggle={(on) => set("hasPayments", on)} error={errorAt("payments")} offText="Off: payments are decided by the rules and the default only." isReadOnly={isReadOnly}>
        <PaymentFields payments={form.payments} onChange={(payments) => set("payments", payments)} errorAt={errorAt} isReadOnly={isReadOnly} />
      </OptionalSection>

      <OptionalSection id="code" title="Code execution" toggle="Check code" isOn={form.hasCode} onToggle={(on) => set("hasCode", on)} error={errorAt("code")} offText="Off: code is decided by the rules and the default only." isReadOnly={isReadOnly}>
        <CodeFields code={form.code} onChange={(code) => set("code", code)} errorAt={errorAt} isReadOnly={isReadOnly} />
      </OptionalSection>
    </div>
  );
}

type OptionalSectionProps = {
  id: string;
  title: string;
  toggle: string;
  isOn: boolean;
  onToggle: (isOn: boolean) => void;
  error: string | null;
  offText: string;
  isReadOnly: boolean;
  children: React.ReactNode;
};

/** A section of the document that is present only when its checkbox is on (payments, code). */
function OptionalSection({ id, title, toggle, isOn, onToggle, error, offText, isReadOnly, children }: OptionalSectionProps) {
  return (
    <section aria-labelledby={`${id}-title`} className="card p-4">
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 id={`${id}-title`} className="font-semibold">{title}</h2>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={isOn} onChange={(event) => onToggle(event.target.checked)} disabled={isReadOnly} />
          {toggle}
        </label>
      </div>
      <FieldError message={error} />
      {isOn ? children : <p className="text-sm text-slate-600">{offText}</p>}
    </section>
  );
}
