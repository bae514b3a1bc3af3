// The rule builder's state: what the inputs hold (text, mostly), and the conversions to and
// from a policy document. Empty inputs leave their field out; values the schema would refuse
// are passed on as typed, so the server names the field and the editor shows it there.
import type { ActionKind, Effect, PolicyDocument, RateLimit, Rule } from "@/lib/policies/schemas";
import { codeToForm, codeToJson, type CodeForm } from "./code-form";
import { compact, items, list, number, optionalList, optionalNumber, text, type Json } from "./form-text";

export type ConditionForm = { key: string; path: string; op: string; value: string };
export type CapForm = { key: string; path: string; max: string };
export type RuleForm = {
  key: string;
  id: string;
  description: string;
  kinds: ActionKind[];
  tools: string;
  agents: string;
  crews: string;
  when: ConditionForm[];
  effect: Effect;
  caps: CapForm[];
  redact: string;
  reasonCode: string;
  reasonMessage: string;
  expiresIn: string;
  twoPersonAbove: string;
  /** A velocity limit (edited in the raw editor): carried through the form unchanged. */
  rateLimit?: RateLimit;
};
export const PAYMENT_AMOUNTS = ["max_single", "hourly_budget", "daily_budget", "escalate_above"] as const;
export const PAYMENT_LISTS = ["trusted_recipients", "blocked_domains", "allowed_currencies"] as const;
export type PaymentsForm = Record<(typeof PAYMENT_AMOUNTS)[number] | (typeof PAYMENT_LISTS)[number], string> & {
  max_requests_per_minute: string;
  /** trusted_recipients set, even empty: every other recipient escalates. */
  isTrustedOnly: boolean;
  hoursStart: string;
  hoursEnd: string;
  hoursTimeZone: string;
  hoursDays: string[];
  expires_at: string;
  sameRecipient: string;
  withinMinutes: string;
  expiresIn: string;
  twoPersonAbove: string;
  /** Crew-wide payment windows (edited in the raw editor): carried through the form unchanged. */
  perCrew?: boolean;
};
export type PolicyForm = {
  name: string;
  description: string;
  targetKind: "all" | "crew" | "agent";
  targetId: string;
  default: "ALLOW" | "BLOCK";
  rules: RuleForm[];
  hasPayments: boolean;
  payments: PaymentsForm;
  /** The code-execution section is on; off, its inputs are kept but left out of the document. */
  hasCode: boolean;
  code: CodeForm;
};

let counter = 0;
export const newKey = () => `k${++counter}`;

/** Bare when reading it back gives the same string; quoted when it would read as JSON ("42"). */
const itemText = (value: unknown) => (typeof value === "string" && parseValue(value) === value ? value : JSON.stringify(value));

/** A condition's value as typed: strings bare, anything else as JSON; lists comma-separated. */
export function valueText(value: unknown, op: string): string {
  if (value === undefined) return "";
  if ((op === "in" || op === "not_in") && Array.isArray(value)) {
    // An item with a comma cannot be told apart in a comma-separated list: the list is JSON then.
    const isPlain = value.every((v) => !(typeof v === "string" && v.includes(",")));
    return isPlain ? value.map(itemText).join(", ") : JSON.stringify(value);
  }
  return op === "regex" && typeof value === "string" ? value : itemText(value);
}

export const emptyRule = (index: number): RuleForm => ({
  key: newKey(),
  id: `rule-${index + 1}`,
  description: "",
  kinds: [],
  tools: "",
  agents: "",
  crews: "",
  when: [],
  effect: "BLOCK",
  caps: [],
  redact: "",
  reasonCode: "",
  reasonMessage: "",
  expiresIn: "",
  twoPersonAbove: "",
});

function ruleToForm(rule: Rule): RuleForm {
  return {
    key: newKey(),
    id: rule.id,
    description: rule.description ?? "",
    kinds: rule.kinds ?? [],
    tools: list(rule.tools),
    agents: list(rule.agents),
    crews: list(rule.crews),
    when: (rule.when ?? []).map((c) => ({ key: newKey(), path: c.path, op: c.op, value: valueText(c.value, c.op) })),
    effect: rule.effect,
    caps: (rule.constraint?.cap ?? []).map((c) => ({ key: newKey(), path: c.path, max: String(c.max) })),
    redact: list(rule.constraint?.redact),
    reasonCode: rule.reason?.code ?? "",
    reasonMessage: rule.reason?.message ?? "",
    expiresIn: text(rule.approval?.expires_in),
    twoPersonAbove: text(rule.approval?.two_person_above),
    ...(rule.rate_limit ? { rateLimit: rule.rate_limit } : {}),
  };
}

export function toForm(document: PolicyDocument): PolicyForm {
  const p = document.payments ?? {};
  const target = document.target;
  return {
    name: document.name,
    description: document.description ?? "",
    targetKind: target.kind,
    targetId: target.kind === "crew" ? target.crew_id : target.kind === "agent" ? target.agent_id : "",
    default: document.default,
    rules: document.rules.map(ruleToForm),
    hasCode: document.code !== undefined,
    code: codeToForm(document.code),
    hasPayments: document.payments !== undefined,
    payments: {
      max_single: text(p.max_single),
      hourly_budget: text(p.hourly_budget),
      daily_budget: text(p.daily_budget),
      escalate_above: text(p.escalate_above),
      trusted_recipients: list(p.trusted_recipients),
      blocked_domains: list(p.blocked_domains),
      allowed_currencies: list(p.allowed_currencies),
      max_requests_per_minute: text(p.max_requests_per_minute),
      isTrustedOnly: p.trusted_recipients !== undefined,
      hoursStart: p.operating_hours?.start ?? "",
      hoursEnd: p.operating_hours?.end ?? "",
      hoursTimeZone: p.operating_hours?.time_zone ?? "",
      hoursDays: p.operating_hours?.days ?? [],
      expires_at: p.expires_at ?? "",
      sameRecipient: text(p.suspicious_pattern?.same_recipient),
      withinMinutes: text(p.suspicious_pattern?.within_minutes),
      expiresIn: text(p.approval?.expires_in),
      twoPersonAbove: text(p.approval?.two_person_above),
      ...(p.per_crew !== undefined ? { perCrew: p.per_crew } : {}),
    },
  };
}

/** JSON when it parses (42, true, null, "x", [..]), else the text itself. */
export function parseValue(value: string): unknown {
  const trimmed = value.trim();
  try {
    return JSON.parse(trimmed);
  } catch {
    return trimmed;
  }
}

function conditionValue(c: ConditionForm): unknown {
  if (c.op === "exists") return c.value.trim() === "" ? undefined : parseValue(c.value);
  if (c.op === "in" || c.op === "not_in") {
    const parsed = c.value.trim().startsWith("[") ? parseValue(c.value) : undefined;
    return Array.isArray(parsed) ? parsed : items(c.value).map(parseValue);
  }
  // A regular expression is text even when it would parse as JSON (e.g. 123).
  if (c.op === "regex") return c.value === "" ? undefined : c.value;
  return c.value.trim() === "" ? undefined : parseValue(c.value);
}

function ruleToJson(rule: RuleForm): Json {
  const constraint = rule.effect === "CONSTRAIN" ? { cap: rule.caps.map((c) => ({ path: c.path.trim(), max: number(c.max) })), redact: items(rule.redact) } : undefined;
  return compact({
    id: rule.id.trim(),
    description: rule.description.trim(),
    kinds: rule.kinds,
    tools: optionalList(rule.tools),
    agents: optionalList(rule.agents),
    crews: optionalList(rule.crews),
    when: rule.when.map((c) => compact({ path: c.path.trim(), op: c.op, value: conditionValue(c) }) ?? {}),
    effect: rule.effect,
    constraint: constraint ? (compact(constraint) ?? {}) : undefined,
    reason: compact({ code: rule.reasonCode.trim(), message: rule.reasonMessage.trim() }),
    approval: rule.effect === "ESCALATE" ? compact({ expires_in: optionalNumber(rule.expiresIn), two_person_above: optionalNumber(rule.twoPersonAbove) }) : undefined,
    rate_limit: rule.rateLimit,
  })!;
}

function paymentsToJson(p: PaymentsForm): Json {
  const hasHours = p.hoursStart || p.hoursEnd || p.hoursTimeZone || p.hoursDays.length > 0;
  const rules =
    compact({
      ...Object.fromEntries(PAYMENT_AMOUNTS.map((field) => [field, optionalNumber(p[field])])),
      ...Object.fromEntries(PAYMENT_LISTS.map((field) => [field, field === "trusted_recipients" ? undefined : optionalList(p[field])])),
      max_requests_per_minute: optionalNumber(p.max_requests_per_minute),
      operating_hours: hasHours ? { start: p.hoursStart.trim(), end: p.hoursEnd.trim(), time_zone: p.hoursTimeZone.trim(), ...(p.hoursDays.length > 0 ? { days: p.hoursDays } : {}) } : undefined,
      expires_at: p.expires_at.trim(),
      suspicious_pattern: compact({ same_recipient: optionalNumber(p.sameRecipient), within_minutes: optionalNumber(p.withinMinutes) }),
      approval: compact({ expires_in: optionalNumber(p.expiresIn), two_person_above: optionalNumber(p.twoPersonAbove) }),
      per_crew: p.perCrew,
    }) ?? {};
  // An empty list is meaningful here (no recipient is trusted), so it is kept.
  return p.isTrustedOnly ? { ...rules, trusted_recipients: items(p.trusted_recipients) } : rules;
}

/** The document the form describes, not yet validated. */
export function toDocument(form: PolicyForm): Json {
  const target =
    form.targetKind === "crew" ? { kind: "crew", crew_id: form.targetId.trim() } : form.targetKind === "agent" ? { kind: "agent", agent_id: form.targetId.trim() } : { kind: "all" };
  return {
    name: form.name.trim(),
    ...(form.description.trim() ? { description: form.description.trim() } : {}),
    target,
    default: form.default,
    rules: form.rules.map(ruleToJson),
    ...(form.hasPayments ? { payments: paymentsToJson(form.payments) } : {}),
    ...(form.hasCode ? { code: codeToJson(form.code) } : {}),
  };
}

const LIST_FIELDS = /\.(kinds|tools|agents|crews|redact|trusted_recipients|blocked_domains|allowed_currencies|days|languages|allowed_modules|denied_modules|allowed_operations|denied_operations|read_paths|write_paths|network_hosts|writable_paths)\.\d+$/;

/** The input an error's field path belongs to: a list's item is shown at the list's input. */
export function anchorOf(field: string): string {
  const anchor = field.replace(LIST_FIELDS, ".$1");
  if (/^rules\.\d+\.when\.\d+$/.test(anchor)) return `${anchor}.value`;
  if (/^rules\.\d+\.reason$/.test(anchor)) return `${anchor}.code`;
  if (/^rules\.\d+\.constraint\.cap$/.test(anchor)) return anchor.replace(/\.cap$/, "");
  if (/^target$/.test(anchor)) return "target.kind";
  return anchor;
}
