// Which windowed counters a decision depends on, worked out before the decision's transaction
// from the policies in force and the action (pure: no database). The transaction then locks the
// session and agent (and the crews of crew-wide windows), reads exactly these windows and records
// this request in them (lib/policies/lock-windows.ts).
import { appliesTo, NO_COUNTERS, ruleMatches, windowCounter, type CompiledPolicy, type PolicyAction, type PolicyCounters } from "./evaluate-action";
import { WINDOWS } from "./schemas";

/** One request window: this request is counted (and recorded) in `counter` of `subject`. */
export type HitWindow = { subject: string; counter: string; seconds: number };

export type WindowPlan = {
  /** Crews whose rows are locked because a crew-wide window is involved. */
  crews: string[];
  hits: HitWindow[];
  /** Subjects ("agent:<id>", "crew:<id>") whose authorized payments are summed. */
  paymentSubjects: string[];
  /** The suspicious-pattern window (minutes) for same-recipient counts. */
  withinMinutes: number;
};

export const PAYMENT_REQUESTS = "payments";
export const agentSubject = (agentId: string) => `agent:${agentId}`;
export const crewSubject = (crewId: string) => `crew:${crewId}`;

/**
 * Every payment the policy engine evaluates counts toward its agent's requests per minute
 * (authorized, blocked or escalated alike: xBPP counts requests, so hammering keeps an agent
 * limited); crew-wide payment rules count the crew's too. Every action matching a velocity rule
 * counts toward that rule's window, whatever the decision.
 */
export function planWindows(policies: CompiledPolicy[], action: PolicyAction): WindowPlan {
  const plan: WindowPlan = { crews: [], hits: [], paymentSubjects: [], withinMinutes: 5 };
  const applicable = policies.filter((p) => appliesTo(p, action));
  const crews = new Set<string>();
  const add = (list: string[], value: string) => {
    if (!list.includes(value)) list.push(value);
  };
  if (action.kind === "payment") {
    plan.hits.push({ subject: agentSubject(action.agentId), counter: PAYMENT_REQUESTS, seconds: WINDOWS.minute });
    add(plan.paymentSubjects, agentSubject(action.agentId));
  }
  for (const policy of applicable) {
    const { payments, target } = policy.document;
    if (action.kind === "payment" && payments) {
      plan.withinMinutes = Math.max(plan.withinMinutes, payments.suspicious_pattern?.within_minutes ?? 5);
      if (payments.per_crew && target.kind === "crew") {
        crews.add(target.crew_id);
        add(plan.paymentSubjects, crewSubject(target.crew_id));
        if (!plan.hits.some((h) => h.subject === crewSubject(target.crew_id) && h.counter === PAYMENT_REQUESTS)) {
          plan.hits.push({ subject: crewSubject(target.crew_id), counter: PAYMENT_REQUESTS, seconds: WINDOWS.minute });
        }
      }
    }
    for (const compiled of policy.rules) {
      const limit = compiled.rule.rate_limit;
      if (!limit || !ruleMatches(compiled, action)) continue;
      const crewWide = limit.per_crew && target.kind === "crew";
      if (crewWide) crews.add(target.crew_id);
      const subject = crewWide ? crewSubject(target.crew_id) : agentSubject(action.agentId);
      plan.hits.push({ subject, counter: windowCounter(policy.id, compiled.rule.id), seconds: WINDOWS[limit.per] });
    }
  }
  plan.crews = [...crews].sort();
  return plan;
}

/** What the database returned for a plan: earlier hits per window, authorized sums per subject. */
export type WindowCounts = {
  hits: number[];
  payments: Record<string, { hour: string; day: string; same: number }>;
};

/** The engine's counters from the counts of a plan's windows. */
export function countersFrom(plan: WindowPlan, counts: WindowCounts, agentId: string): PolicyCounters {
  const requests = (subject: string) => {
    const i = plan.hits.findIndex((h) => h.subject === subject && h.counter === PAYMENT_REQUESTS);
    return i < 0 ? 0 : (counts.hits[i] ?? 0);
  };
  const payment = (subject: string) => {
    const sums = counts.payments[subject];
    if (!sums) return { ...NO_COUNTERS, requestsLastMinute: requests(subject) };
    return { spentLastHourMicros: BigInt(sums.hour), spentLastDayMicros: BigInt(sums.day), requestsLastMinute: requests(subject), sameRecipientRecent: sums.same };
  };
  const ruleHits: Record<string, number> = {};
  plan.hits.forEach((h, i) => {
    if (h.counter !== PAYMENT_REQUESTS) ruleHits[h.counter] = counts.hits[i] ?? 0;
  });
  const crews = Object.fromEntries(plan.crews.map((id) => [id, payment(crewSubject(id))]));
  return { ...payment(agentSubject(agentId)), crews, ruleHits };
}
