"use client";

// One rule of the builder: what it applies to, its conditions, its effect and what goes with
// the effect (a constraint for CONSTRAIN, approval settings for ESCALATE).
import { ACTION_KINDS, EFFECTS, OPERATORS, type ActionKind, type Effect } from "@/lib/policies/schemas";
import { newKey, type CapForm, type ConditionForm, type RuleForm } from "./form-model";
import { Checkboxes, FieldError, SelectField, TextField, type ErrorAt } from "./form-fields";

type Props = {
  rule: RuleForm;
  index: number;
  count: number;
  onChange: (rule: RuleForm) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  errorAt: ErrorAt;
  isReadOnly: boolean;
};

export function RuleCard({ rule, index, count, onChange, onMove, onRemove, errorAt, isReadOnly }: Props) {
  const at = (field: string) => errorAt(`rules.${index}.${field}`);
  const set = <K extends keyof RuleForm>(field: K, value: RuleForm[K]) => onChange({ ...rule, [field]: value });
  const id = (field: string) => `${rule.key}-${field}`;
  const title = `Rule ${index + 1}`;
  return (
    <section aria-label={title} className="card p-4" data-testid={`rule-${index}`}>
      <div className="mb-3 flex items-center justify-between gap-2">
        <h3 className="font-medium">
          {title}: <code className="text-sm">{rule.id || "(no id)"}</code> <span className="text-sm text-slate-500">→ {rule.effect}</span>
        </h3>
        {isReadOnly ? null : (
          <div className="flex gap-1">
            <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={() => onMove(-1)} disabled={index === 0}>
              Move up<span className="sr-only"> {title}</span>
            </button>
            <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={() => onMove(1)} disabled={index === count - 1}>
              Move down<span className="sr-only"> {title}</span>
            </button>
            <button type="button" className="btn-secondary px-2 py-1 text-xs text-red-700" onClick={onRemove}>
              Remove<span className="sr-only"> {title}</span>
            </button>
          </div>
        )}
      </div>
      <div className="grid gap-3 md:grid-cols-3">
        <TextField id={id("id")} label="Rule id" value={rule.id} onChange={(v) => set("id", v)} error={at("id")} isReadOnly={isReadOnly} />
        <SelectField id={id("effect")} label="Effect" value={rule.effect} options={EFFECTS} onChange={(v) => set("effect", v as Effect)} error={at("effect")} isReadOnly={isReadOnly} />
        <TextField id={id("description")} label="Description" value={rule.description} onChange={(v) => set("description", v)} error={at("description")} isReadOnly={isReadOnly} />
      </div>
      <div className="mt-3">
        <Checkboxes
          id={id("kinds")}
          legend="Kinds"
          options={ACTION_KINDS}
          checked={rule.kinds}
          onChange={(kinds) => set("kinds", kinds as ActionKind[])}
          hint="None checked: every kind of action."
          error={at("kinds")}
          isReadOnly={isReadOnly}
        />
      </div>
      <div className="mt-3 grid gap-3 md:grid-cols-3">
        <TextField id={id("tools")} label="Tools" value={rule.tools} onChange={(v) => set("tools", v)} hint="Comma-separated globs, e.g. db.*, send_*; empty: every tool." error={at("tools")} isReadOnly={isReadOnly} />
        <TextField id={id("agents")} label="Agents" value={rule.agents} onChange={(v) => set("agents", v)} hint="Comma-separated agent ids; empty: every agent." error={at("agents")} isReadOnly={isReadOnly} />
        <TextField id={id("crews")} label="Crews" value={rule.crews} onChange={(v) => set("crews", v)} hint="Comma-separated crew ids or names; empty: any." error={at("crews")} isReadOnly={isReadOnly} />
      </div>
      <Conditions rule={rule} index={index} onChange={(when) => set("when", when)} errorAt={errorAt} isReadOnly={isReadOnly} />
      {rule.effect === "CONSTRAIN" ? <ConstraintFields rule={rule} index={index} onChange={onChange} errorAt={errorAt} isReadOnly={isReadOnly} /> : null}
      <div className="mt-3 grid gap-3 md:grid-cols-3">
        <TextField id={id("reason-code")} label="Reason code" value={rule.reasonCode} onChange={(v) => set("reasonCode", v)} placeholder="DESTRUCTIVE_WRITE" error={at("reason.code")} isReadOnly={isReadOnly} />
        <TextField id={id("reason-message")} label="Reason message" className="md:col-span-2" value={rule.reasonMessage} onChange={(v) => set("reasonMessage", v)} error={at("reason.message")} isReadOnly={isReadOnly} />
      </div>
      {rule.effect === "ESCALATE" ? (
        <div className="mt-3 grid gap-3 md:grid-cols-3">
          <TextField id={id("expires-in")} label="Approval expires in (seconds)" inputMode="numeric" value={rule.expiresIn} onChange={(v) => set("expiresIn", v)} error={at("approval.expires_in")} isReadOnly={isReadOnly} />
          <TextField id={id("two-person")} label="Two reviewers above (amount)" inputMode="decimal" value={rule.twoPersonAbove} onChange={(v) => set("twoPersonAbove", v)} error={at("approval.two_person_above")} isReadOnly={isReadOnly} />
        </div>
      ) : null}
    </section>
  );
}

function Conditions({ rule, index, onChange, errorAt, isReadOnly }: { rule: RuleForm; index: number; onChange: (when: ConditionForm[]) => void; errorAt: ErrorAt; isReadOnly: boolean }) {
  const update = (j: number, patch: Partial<ConditionForm>) => onChange(rule.when.map((c, k) => (k === j ? { ...c, ...patch } : c)));
  return (
    <fieldset className="mt-3">
      <legend className="label">Conditions (all must hold)</legend>
      {rule.when.length === 0 ? <p className="text-xs text-slate-500">None: the rule applies to every matching action.</p> : null}
      <ul className="space-y-2">
        {rule.when.map((condition, j) => {
          const at = (field: string) => errorAt(`rules.${index}.when.${j}.${field}`);
          const label = `Condition ${j + 1}`;
          const isList = condition.op === "in" || condition.op === "not_in";
          return (
            <li key={condition.key} className="grid items-start gap-2 md:grid-cols-[1fr_10rem_1fr_auto]">
              <TextField id={`${condition.key}-path`} label={`${label} path`} srOnlyLabel placeholder="path, e.g. args.table" value={condition.path} onChange={(path) => update(j, { path })} error={at("path")} isReadOnly={isReadOnly} />
              <SelectField id={`${condition.key}-op`} label={`${label} operator`} srOnlyLabel value={condition.op} options={OPERATORS} onChange={(op) => update(j, { op })} error={at("op")} isReadOnly={isReadOnly} />
              <TextField
                id={`${condition.key}-value`}
                label={`${label} value`}
                srOnlyLabel
                placeholder={isList ? "a, b, c" : condition.op === "exists" ? "true or false" : "value (JSON or text)"}
                value={condition.value}
                onChange={(value) => update(j, { value })}
                error={at("value")}
                isReadOnly={isReadOnly}
              />
              {isReadOnly ? null : (
                <button type="button" className="btn-secondary px-2 py-2 text-xs" onClick={() => onChange(rule.when.filter((_, k) => k !== j))}>
                  Remove<span className="sr-only"> {label}</span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {rule.when.length > 0 ? <p className="mt-1 text-xs text-slate-500">Values are read as JSON when they parse (42, true, &quot;x&quot;), else as text; lists are comma-separated.</p> : null}
      {isReadOnly ? null : (
        <button type="button" className="btn-secondary mt-2 px-2 py-1 text-xs" onClick={() => onChange([...rule.when, { key: newKey(), path: "", op: "equals", value: "" }])}>
          Add condition<span className="sr-only"> to Rule {index + 1}</span>
        </button>
      )}
    </fieldset>
  );
}

function ConstraintFields({ rule, index, onChange, errorAt, isReadOnly }: { rule: RuleForm; index: number; onChange: (rule: RuleForm) => void; errorAt: ErrorAt; isReadOnly: boolean }) {
  const updateCap = (j: number, patch: Partial<CapForm>) => onChange({ ...rule, caps: rule.caps.map((c, k) => (k === j ? { ...c, ...patch } : c)) });
  return (
    <fieldset className="mt-3 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium text-slate-700">Constraint</legend>
      <FieldError message={errorAt(`rules.${index}.constraint`)} />
      <ul className="space-y-2">
        {rule.caps.map((cap, j) => (
          <li key={cap.key} className="grid items-start gap-2 md:grid-cols-[1fr_10rem_auto]">
            <TextField id={`${cap.key}-path`} label={`Cap ${j + 1} path`} srOnlyLabel placeholder="path, e.g. amount" value={cap.path} onChange={(path) => updateCap(j, { path })} error={errorAt(`rules.${index}.constraint.cap.${j}.path`)} isReadOnly={isReadOnly} />
            <TextField id={`${cap.key}-max`} label={`Cap ${j + 1} maximum`} srOnlyLabel placeholder="max" inputMode="decimal" value={cap.max} onChange={(max) => updateCap(j, { max })} error={errorAt(`rules.${index}.constraint.cap.${j}.max`)} isReadOnly={isReadOnly} />
            {isReadOnly ? null : (
              <button type="button" className="btn-secondary px-2 py-2 text-xs" onClick={() => onChange({ ...rule, caps: rule.caps.filter((_, k) => k !== j) })}>
                Remove<span className="sr-only"> cap {j + 1}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      {isReadOnly ? null : (
        <button type="button" className="btn-secondary mt-2 px-2 py-1 text-xs" onClick={() => onChange({ ...rule, caps: [...rule.caps, { key: newKey(), path: "", max: "" }] })}>
          Add cap
        </button>
      )}
      <TextField
        id={`${rule.key}-redact`}
        label="Redact"
        className="mt-3"
        value={rule.redact}
        onChange={(redact) => onChange({ ...rule, redact })}
        hint="Comma-separated paths replaced by [REDACTED] before the action runs, e.g. api_key, headers.authorization."
        error={errorAt(`rules.${index}.constraint.redact`)}
        isReadOnly={isReadOnly}
      />
    </fieldset>
  );
}
