// The policy engine: a pure function of (policy versions, action, window counters, time). It
// never looks at who suggested an action, only at the executing agent and the action itself,
// so one agent cannot talk another into what the other's policy forbids.
//
// Within a policy every matching rule and every payment rule that fires gives a reason with an
// effect; the strictest effect wins (BLOCK > ESCALATE > CONSTRAIN > LOG > ALLOW). A policy with
// payment rules allows a payment that passes them all, one with code rules code that breaks none
// (CONSTRAIN when it sets sandbox limits); otherwise an action no rule matches gets
// the policy's default. Across the policies that apply to an agent, the strictest decision wins.
import picomatch from "picomatch";
import { codeReasons, mergeRuntimes } from "@/lib/exec/code-reasons";
import type { Analysis, RuntimeConstraints } from "@/lib/exec/types";
import { getAt, parsePath, setAt } from "./json-path";
import {
  severity,
  WEEKDAYS,
  type ActionKind,
  type ApprovalSettings,
  type Condition,
  type Constraint,
  type Effect,
  type PaymentRules,
  type PolicyDocument,
  type Rule,
} from "./schemas";

export type PolicyAction = {
  kind: ActionKind;
  tool: string;
  action: string;
  params: Record<string, unknown>;
  /** The executing agent, and the crews (ids and names) it belongs to. */
  agentId: string;
  crews: string[];
  /** What the analyser found in the code (code_execution through /api/v1/exec/evaluate only). */
  analysis?: Analysis;
};

/**
 * Payment windows, read from the database under the locks that serialise every decision sharing
 * them: authorized spend (rolling hour and day), payment requests the policy evaluated in the last
 * minute (refused ones included) and authorized payments to the same recipient recently.
 */
export type PaymentCounters = {
  spentLastHourMicros: bigint;
  spentLastDayMicros: bigint;
  requestsLastMinute: number;
  /** Payments to the same recipient within the suspicious-pattern window. */
  sameRecipientRecent: number;
};

/**
 * Every window a decision may depend on: the executing agent's payment windows (the top-level
 * fields), a crew's for crew-wide payment rules (by crew id), and the earlier actions within
 * each velocity rule's window (by windowCounter(policy, rule)).
 */
export type PolicyCounters = PaymentCounters & { crews?: Record<string, PaymentCounters>; ruleHits?: Record<string, number> };

export const NO_COUNTERS: PaymentCounters = { spentLastHourMicros: 0n, spentLastDayMicros: 0n, requestsLastMinute: 0, sameRecipientRecent: 0 };

/** The counter a velocity rule's window is kept under (its policy and rule ids: it spans versions). */
export const windowCounter = (policyId: string, ruleId: string) => `rule:${policyId}:${ruleId}`;

export type Reason = { code: string; message: string; rule_id: string; policy_id?: string; effect: Effect; line?: number };

export type Decision = {
  decision: Effect;
  /** The reasons at the winning effect. */
  reasons: Reason[];
  /** Every rule that matched or fired, in any policy. */
  matched: Reason[];
  constraint?: Constraint;
  /** The parameters with the constraint applied (CONSTRAIN only). */
  constrained_params?: Record<string, unknown>;
  approval?: ApprovalSettings;
  /** The sandbox limits of the code policies that applied, when the code may run (not BLOCK). */
  runtime?: RuntimeConstraints;
};

type Test = (params: Record<string, unknown>) => boolean;

export type CompiledPolicy = {
  id: string;
  version: number;
  document: PolicyDocument;
  rules: { rule: Rule; matchesTool: (tool: string) => boolean; test: Test }[];
};

const MICROS = 1_000_000;
const toMicros = (amount: number) => BigInt(Math.round(amount * MICROS));

function compileCondition(condition: Condition): Test {
  const steps = parsePath(condition.path);
  const expected = condition.value;
  switch (condition.op) {
    case "equals":
      return (p) => deepEqual(getAt(p, steps), expected);
    case "not_equals":
      return (p) => !deepEqual(getAt(p, steps), expected);
    case "in":
      return (p) => (expected as unknown[]).some((e) => deepEqual(getAt(p, steps), e));
    case "not_in":
      return (p) => !(expected as unknown[]).some((e) => deepEqual(getAt(p, steps), e));
    case "regex": {
      const pattern = new RegExp(expected as string, "u");
      return (p) => {
        const v = getAt(p, steps);
        return typeof v === "string" && pattern.test(v);
      };
    }
    case "exists":
      return (p) => (getAt(p, steps) !== undefined) === (expected ?? true);
    default: {
      const limit = expected as number;
      const compare = { lt: (v: number) => v < limit, lte: (v: number) => v <= limit, gt: (v: number) => v > limit, gte: (v: number) => v >= limit }[condition.op];
      return (p) => {
        const v = getAt(p, steps);
        return typeof v === "number" && compare(v);
      };
    }
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Regexes and globs compiled once per policy version. */
export function compilePolicy(id: string, version: number, document: PolicyDocument): CompiledPolicy {
  return {
    id,
    version,
    document,
    rules: document.rules.map((rule) => {
      const globs = rule.tools?.map((g) => picomatch(g, { dot: true }));
      const tests = (rule.when ?? []).map(compileCondition);
      return {
        rule,
        matchesTool: globs ? (tool) => globs.some((g) => g(tool)) : () => true,
        test: (params) => tests.every((t) => t(params)),
      };
    }),
  };
}

export function appliesTo(policy: CompiledPolicy, action: PolicyAction): boolean {
  const target = policy.document.target;
  if (target.kind === "agent") return target.agent_id === action.agentId;
  if (target.kind === "crew") return action.crews.includes(target.crew_id);
  return true;
}

/** Whether a rule matches the action, leaving its rate limit aside. */
export function ruleMatches(compiled: CompiledPolicy["rules"][number], action: PolicyAction): boolean {
  const { rule } = compiled;
  if (rule.kinds && !rule.kinds.includes(action.kind)) return false;
  if (rule.agents && !rule.agents.includes(action.agentId)) return false;
  if (rule.crews && !rule.crews.some((c) => action.crews.includes(c))) return false;
  return compiled.matchesTool(action.tool) && compiled.test(action.params);
}

/** The host a recipient names: the domain of an e-mail address or URL, else the value itself. */
export function recipientDomain(recipient: string): string {
  const at = recipient.lastIndexOf("@");
  if (at >= 0) return recipient.slice(at + 1).toLowerCase();
  try {
    return new URL(recipient).hostname.toLowerCase();
  } catch {
    return recipient.toLowerCase();
  }
}

const onDomain = (host: string, domain: string) => host === domain.toLowerCase() || host.endsWith(`.${domain.toLowerCase()}`);

function localTime(now: Date, timeZone: string): { day: (typeof WEEKDAYS)[number]; minutes: number } {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { day: get("weekday").toLowerCase().slice(0, 3) as (typeof WEEKDAYS)[number], minutes: Number(get("hour")) * 60 + Number(get("minute")) };
}

function withinHours(hours: NonNullable<PaymentRules["operating_hours"]>, now: Date): boolean {
  const { day, minutes } = localTime(now, hours.time_zone);
  if (hours.days && !hours.days.includes(day)) return false;
  const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  const start = toMinutes(hours.start);
  const end = toMinutes(hours.end);
  return start <= end ? minutes >= start && minutes < end : minutes >= start || minutes < end; // overnight windows
}

/** The payment rules' verdicts for one payment (empty: within every limit). */
export function paymentReasons(rules: PaymentRules, params: Record<string, unknown>, counters: PaymentCounters, now: Date): Reason[] {
  const reasons: Reason[] = [];
  const add = (code: string, effect: Effect, field: string, message: string) => reasons.push({ code, effect, rule_id: `payments.${field}`, message });
  const amount = typeof params.amount === "number" ? params.amount : NaN;
  const currency = typeof params.currency === "string" ? params.currency.toUpperCase() : "USD";
  const recipient = typeof params.recipient === "string" ? params.recipient : null;
  if (rules.expires_at && now.getTime() >= Date.parse(rules.expires_at)) add("POLICY_EXPIRED", "BLOCK", "expires_at", `The payment policy expired at ${rules.expires_at}`);
  if (!(amount > 0)) add("AMOUNT_ZERO_OR_NEGATIVE", "BLOCK", "amount", "The amount must be greater than zero");
  if (rules.allowed_currencies && !rules.allowed_currencies.map((c) => c.toUpperCase()).includes(currency)) {
    add("CURRENCY_MISMATCH", "BLOCK", "allowed_currencies", `${currency} is not an allowed currency (${rules.allowed_currencies.join(", ")})`);
  }
  if (recipient && rules.blocked_domains?.some((d) => onDomain(recipientDomain(recipient), d))) {
    add("BLOCKED_DOMAIN", "BLOCK", "blocked_domains", `Payments to ${recipientDomain(recipient)} are blocked`);
  }
  const micros = amount > 0 ? toMicros(amount) : 0n;
  if (rules.max_single !== undefined && amount > rules.max_single) add("EXCEEDS_SINGLE_LIMIT", "BLOCK", "max_single", `${amount} exceeds the single-payment limit of ${rules.max_single}`);
  if (rules.hourly_budget !== undefined && counters.spentLastHourMicros + micros > toMicros(rules.hourly_budget)) {
    add("EXCEEDS_HOURLY_BUDGET", "BLOCK", "hourly_budget", `The payment would exceed the hourly budget of ${rules.hourly_budget}`);
  }
  if (rules.daily_budget !== undefined && counters.spentLastDayMicros + micros > toMicros(rules.daily_budget)) {
    add("EXCEEDS_DAILY_BUDGET", "BLOCK", "daily_budget", `The payment would exceed the daily budget of ${rules.daily_budget}`);
  }
  if (rules.max_requests_per_minute !== undefined && counters.requestsLastMinute >= rules.max_requests_per_minute) {
    add("RATE_LIMIT_EXCEEDED", "BLOCK", "max_requests_per_minute", `More than ${rules.max_requests_per_minute} payment requests in a minute`);
  }
  if (rules.operating_hours && !withinHours(rules.operating_hours, now)) {
    const h = rules.operating_hours;
    add("OUTSIDE_OPERATING_HOURS", "BLOCK", "operating_hours", `Payments are allowed ${h.start}-${h.end} ${h.time_zone}${h.days ? ` on ${h.days.join(", ")}` : ""}`);
  }
  const pattern = rules.suspicious_pattern ?? { same_recipient: 3, within_minutes: 5 };
  if (recipient && counters.sameRecipientRecent + 1 >= pattern.same_recipient) {
    add("SUSPICIOUS_PATTERN", "ESCALATE", "suspicious_pattern", `${counters.sameRecipientRecent + 1} payments to ${recipient} within ${pattern.within_minutes} minutes`);
  }
  if (rules.trusted_recipients && (!recipient || !rules.trusted_recipients.includes(recipient))) {
    add("UNFAMILIAR_RECIPIENT", "ESCALATE", "trusted_recipients", `${recipient ?? "An unnamed recipient"} is not a trusted recipient`);
  }
  if (rules.escalate_above !== undefined && amount > rules.escalate_above) {
    add("ABOVE_ESCALATION_THRESHOLD", "ESCALATE", "escalate_above", `${amount} is above the escalation threshold of ${rules.escalate_above}`);
  }
  return reasons;
}

function mergeConstraints(constraints: Constraint[]): Constraint {
  const caps = new Map<string, number>();
  for (const c of constraints) for (const cap of c.cap ?? []) caps.set(cap.path, Math.min(cap.max, caps.get(cap.path) ?? Infinity));
  const redact = [...new Set(constraints.flatMap((c) => c.redact ?? []))];
  return {
    ...(caps.size ? { cap: [...caps].map(([path, max]) => ({ path, max })) } : {}),
    ...(redact.length ? { redact } : {}),
  };
}

export function applyConstraint(params: Record<string, unknown>, constraint: Constraint): Record<string, unknown> {
  let result = params;
  for (const cap of constraint.cap ?? []) {
    const steps = parsePath(cap.path);
    const value = getAt(result, steps);
    if (typeof value === "number" && value > cap.max) result = setAt(result, steps, cap.max);
  }
  for (const path of constraint.redact ?? []) result = setAt(result, parsePath(path), "[REDACTED]");
  return result;
}

function mergeApproval(settings: (ApprovalSettings | undefined)[]): ApprovalSettings | undefined {
  const present = settings.filter((s): s is ApprovalSettings => s !== undefined);
  if (present.length === 0) return undefined;
  const expires = present.map((s) => s.expires_in).filter((n): n is number => n !== undefined);
  const twoPerson = present.map((s) => s.two_person_above).filter((n): n is number => n !== undefined);
  return {
    ...(expires.length ? { expires_in: Math.min(...expires) } : {}),
    ...(twoPerson.length ? { two_person_above: Math.min(...twoPerson) } : {}),
  };
}

/**
 * The code section's reasons: its violations, else CONSTRAIN with the sandbox limits when it
 * sets some, else (when no rule matched either) ALLOW. Code evaluated without an analysis (a
 * code_execution sent to /api/v1/evaluate) cannot be checked, so a code section blocks it.
 */
function policyCodeReasons(policy: CompiledPolicy, action: PolicyAction, hasRuleReasons: boolean): Reason[] {
  const code = policy.document.code!;
  const base = { policy_id: policy.id };
  if (!action.analysis) {
    return [{ ...base, code: "CODE_NOT_ANALYSED", effect: "BLOCK", rule_id: "code", message: "Code execution must be evaluated through /api/v1/exec/evaluate, which analyses the code" }];
  }
  const fired = codeReasons(code, action.analysis).map((r) => ({ ...r, ...base }));
  if (fired.length > 0) return fired;
  if (code.runtime) return [{ ...base, code: "RUNTIME_CONSTRAINED", effect: "CONSTRAIN", rule_id: "code.runtime", message: "The code may run within the policy's sandbox limits" }];
  return hasRuleReasons ? [] : [{ ...base, code: "WITHIN_CODE_RULES", effect: "ALLOW", rule_id: "code", message: "The code is within every code rule" }];
}

/** One policy's reasons for an action (matched rules, fired payment rules, or its default). */
function policyReasons(policy: CompiledPolicy, action: PolicyAction, counters: PolicyCounters, now: Date) {
  const reasons: Reason[] = [];
  const constraints: Constraint[] = [];
  const approvals: (ApprovalSettings | undefined)[] = [];
  for (const compiled of policy.rules) {
    if (!ruleMatches(compiled, action)) continue;
    const { rule } = compiled;
    // A velocity rule fires only beyond its limit: the earlier matching actions plus this one.
    if (rule.rate_limit && (counters.ruleHits?.[windowCounter(policy.id, rule.id)] ?? 0) + 1 <= rule.rate_limit.max) continue;
    reasons.push({
      code: rule.reason?.code ?? `RULE_${rule.effect}`,
      message: rule.reason?.message ?? rule.description ?? `Rule '${rule.id}' (${rule.effect})`,
      rule_id: rule.id,
      policy_id: policy.id,
      effect: rule.effect,
    });
    if (rule.constraint) constraints.push(rule.constraint);
    if (rule.effect === "ESCALATE") approvals.push(rule.approval);
  }
  const payments = policy.document.payments;
  if (payments && action.kind === "payment") {
    const target = policy.document.target;
    const windows = payments.per_crew && target.kind === "crew" ? (counters.crews?.[target.crew_id] ?? NO_COUNTERS) : counters;
    const fired = paymentReasons(payments, action.params, windows, now).map((r) => ({ ...r, policy_id: policy.id }));
    reasons.push(...fired);
    if (fired.some((r) => r.effect === "ESCALATE")) approvals.push(payments.approval);
    if (fired.length === 0 && reasons.length === 0) {
      reasons.push({ code: "WITHIN_PAYMENT_LIMITS", effect: "ALLOW", rule_id: "payments", policy_id: policy.id, message: "The payment is within every payment rule" });
    }
  }
  const code = policy.document.code;
  if (code && action.kind === "code_execution") reasons.push(...policyCodeReasons(policy, action, reasons.length > 0));
  if (reasons.length === 0) {
    const effect = policy.document.default;
    reasons.push({
      code: effect === "BLOCK" ? "NO_MATCHING_RULE" : "DEFAULT_ALLOW",
      effect,
      rule_id: "default",
      policy_id: policy.id,
      message: effect === "BLOCK" ? `No rule of policy '${policy.document.name}' allows this action (deny by default)` : `No rule matched; policy '${policy.document.name}' allows by default`,
    });
  }
  return { reasons, constraints, approvals };
}

/** The decision of every policy that applies to the action's agent; no policy: ALLOW. */
export function evaluateAction(policies: CompiledPolicy[], action: PolicyAction, counters: PolicyCounters, now: Date): Decision {
  const applicable = policies.filter((p) => appliesTo(p, action));
  if (applicable.length === 0) {
    const reason: Reason = { code: "NO_POLICY", effect: "ALLOW", rule_id: "none", message: "No policy applies to this agent" };
    return { decision: "ALLOW", reasons: [reason], matched: [] };
  }
  const all = applicable.map((p) => policyReasons(p, action, counters, now));
  const matched = all.flatMap((r) => r.reasons);
  const decision = matched.reduce<Effect>((worst, r) => (severity(r.effect) > severity(worst) ? r.effect : worst), "ALLOW");
  const result: Decision = { decision, reasons: matched.filter((r) => r.effect === decision), matched };
  const constraints = all.flatMap((r) => r.constraints);
  if (decision === "CONSTRAIN" && constraints.length > 0) {
    result.constraint = mergeConstraints(constraints);
    result.constrained_params = applyConstraint(action.params, result.constraint);
  }
  if (decision === "ESCALATE") result.approval = mergeApproval(all.flatMap((r) => r.approvals)) ?? {};
  if (action.kind === "code_execution" && decision !== "BLOCK") {
    const runtime = mergeRuntimes(applicable.flatMap((p) => (p.document.code?.runtime ? [p.document.code.runtime] : [])));
    if (runtime) result.runtime = runtime;
  }
  return result;
}
