import { describe, expect, it } from "vitest";
import { compilePolicy, evaluateAction, NO_COUNTERS, recipientDomain, type PaymentCounters, type PolicyAction } from "@/lib/policies/evaluate-action";
import { PRESETS } from "@/lib/policies/presets";
import { PolicyDocumentSchema, type PolicyDocument } from "@/lib/policies/schemas";

const NOW = new Date("2026-11-18T12:00:00Z"); // a Wednesday, noon UTC

const policy = (doc: Partial<PolicyDocument> & Record<string, unknown>, id = "pol_1") =>
  compilePolicy(id, 1, PolicyDocumentSchema.parse({ name: "test", ...doc }));

const action = (over: Partial<PolicyAction> = {}): PolicyAction => ({
  kind: "tool_call",
  tool: "db.query",
  action: "run",
  params: {},
  agentId: "engineer",
  crews: [],
  ...over,
});

const decide = (doc: Record<string, unknown>, act: Partial<PolicyAction> = {}, counters: PaymentCounters = NO_COUNTERS, now = NOW) =>
  evaluateAction([policy(doc)], action(act), counters, now);

const when = (condition: Record<string, unknown>, params: Record<string, unknown>) =>
  decide({ default: "BLOCK", rules: [{ id: "r", when: [condition], effect: "ALLOW" }] }, { params }).decision;

describe("conditions", () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, "ALLOW" | "BLOCK"]>([
    ["equals a number", { path: "amount", op: "equals", value: 5 }, { amount: 5 }, "ALLOW"],
    ["equals: another number", { path: "amount", op: "equals", value: 5 }, { amount: 6 }, "BLOCK"],
    ["equals a string", { path: "table", op: "equals", value: "users" }, { table: "users" }, "ALLOW"],
    ["equals an object", { path: "filter", op: "equals", value: { a: 1 } }, { filter: { a: 1 } }, "ALLOW"],
    ["equals: a missing field", { path: "table", op: "equals", value: "users" }, {}, "BLOCK"],
    ["not_equals", { path: "table", op: "not_equals", value: "users" }, { table: "orders" }, "ALLOW"],
    ["not_equals: the same", { path: "table", op: "not_equals", value: "users" }, { table: "users" }, "BLOCK"],
    ["in", { path: "table", op: "in", value: ["a", "b"] }, { table: "b" }, "ALLOW"],
    ["in: absent", { path: "table", op: "in", value: ["a", "b"] }, { table: "c" }, "BLOCK"],
    ["not_in", { path: "table", op: "not_in", value: ["a", "b"] }, { table: "c" }, "ALLOW"],
    ["not_in: present", { path: "table", op: "not_in", value: ["a", "b"] }, { table: "a" }, "BLOCK"],
    ["regex", { path: "url", op: "regex", value: "^https://([a-z]+\\.)?example\\.com/" }, { url: "https://api.example.com/x" }, "ALLOW"],
    ["regex: no match", { path: "url", op: "regex", value: "^https://example\\.com/" }, { url: "http://example.com/" }, "BLOCK"],
    ["regex: not a string", { path: "url", op: "regex", value: "1" }, { url: 1 }, "BLOCK"],
    ["lt", { path: "amount", op: "lt", value: 10 }, { amount: 9.99 }, "ALLOW"],
    ["lt: equal", { path: "amount", op: "lt", value: 10 }, { amount: 10 }, "BLOCK"],
    ["lte: equal", { path: "amount", op: "lte", value: 10 }, { amount: 10 }, "ALLOW"],
    ["lte: above", { path: "amount", op: "lte", value: 10 }, { amount: 10.01 }, "BLOCK"],
    ["gt", { path: "amount", op: "gt", value: 10 }, { amount: 10.01 }, "ALLOW"],
    ["gt: equal", { path: "amount", op: "gt", value: 10 }, { amount: 10 }, "BLOCK"],
    ["gte: equal", { path: "amount", op: "gte", value: 10 }, { amount: 10 }, "ALLOW"],
    ["gte: below", { path: "amount", op: "gte", value: 10 }, { amount: 9 }, "BLOCK"],
    ["a comparison on a string", { path: "amount", op: "gt", value: 1 }, { amount: "5" }, "BLOCK"],
    ["exists", { path: "args.table", op: "exists" }, { args: { table: "t" } }, "ALLOW"],
    ["exists: absent", { path: "args.table", op: "exists" }, { args: {} }, "BLOCK"],
    ["exists false", { path: "args.table", op: "exists", value: false }, { args: {} }, "ALLOW"],
    ["a nested path with an index", { path: "items[1].sku", op: "equals", value: "B" }, { items: [{ sku: "A" }, { sku: "B" }] }, "ALLOW"],
    ["an index into a non-list", { path: "items[0]", op: "equals", value: "x" }, { items: { "0": "x" } }, "BLOCK"],
  ])("%s", (_name, condition, params, expected) => {
    expect(when(condition, params)).toBe(expected);
  });

  it("requires every condition of a rule", () => {
    const doc = { rules: [{ id: "r", when: [{ path: "a", op: "equals", value: 1 }, { path: "b", op: "equals", value: 2 }], effect: "ALLOW" }] };
    expect(decide(doc, { params: { a: 1, b: 2 } }).decision).toBe("ALLOW");
    expect(decide(doc, { params: { a: 1, b: 3 } }).decision).toBe("BLOCK");
  });
});

describe("matching by kind, tool, agent and crew", () => {
  const doc = (rule: Record<string, unknown>) => ({ rules: [{ id: "r", effect: "ALLOW", ...rule }] });
  it("matches tool globs", () => {
    expect(decide(doc({ tools: ["db.*"] }), { tool: "db.query" }).decision).toBe("ALLOW");
    expect(decide(doc({ tools: ["db.*"] }), { tool: "http.get" }).decision).toBe("BLOCK");
    expect(decide(doc({ tools: ["send_*", "http.get"] }), { tool: "send_email" }).decision).toBe("ALLOW");
  });
  it("matches kinds, agents and crews", () => {
    expect(decide(doc({ kinds: ["llm_call"] }), { kind: "llm_call" }).decision).toBe("ALLOW");
    expect(decide(doc({ kinds: ["llm_call"] }), { kind: "tool_call" }).decision).toBe("BLOCK");
    expect(decide(doc({ agents: ["engineer"] }), { agentId: "engineer" }).decision).toBe("ALLOW");
    expect(decide(doc({ agents: ["engineer"] }), { agentId: "analyst" }).decision).toBe("BLOCK");
    expect(decide(doc({ crews: ["crw_1", "launch"] }), { crews: ["launch"] }).decision).toBe("ALLOW");
    expect(decide(doc({ crews: ["crw_1"] }), { crews: ["crw_2"] }).decision).toBe("BLOCK");
  });
  it("applies a policy only to its target", () => {
    const forAgent = policy({ target: { kind: "agent", agent_id: "engineer" }, default: "BLOCK" });
    const forCrew = policy({ target: { kind: "crew", crew_id: "crw_9" }, default: "BLOCK" });
    expect(evaluateAction([forAgent], action({ agentId: "analyst" }), NO_COUNTERS, NOW).decision).toBe("ALLOW");
    expect(evaluateAction([forAgent], action({ agentId: "engineer" }), NO_COUNTERS, NOW).decision).toBe("BLOCK");
    expect(evaluateAction([forCrew], action({ crews: ["crw_9"] }), NO_COUNTERS, NOW).decision).toBe("BLOCK");
    expect(evaluateAction([forCrew], action({ crews: [] }), NO_COUNTERS, NOW).reasons[0]!.code).toBe("NO_POLICY");
  });
});

describe("precedence and defaults", () => {
  const effects = ["ALLOW", "LOG", "CONSTRAIN", "ESCALATE", "BLOCK"] as const;
  const rule = (effect: string, i: number) => ({ id: `r${i}`, effect, ...(effect === "CONSTRAIN" ? { constraint: { redact: ["secret"] } } : {}) });

  it.each(effects.map((e, i) => [e, effects.slice(0, i + 1)] as const))("lets %s win over every weaker effect, in any order", (strongest, present) => {
    for (const order of [present, [...present].reverse()]) {
      const result = decide({ rules: order.map(rule) });
      expect(result.decision).toBe(strongest);
      expect(result.matched).toHaveLength(present.length);
      expect(result.reasons.every((r) => r.effect === strongest)).toBe(true);
    }
  });

  it("takes the strictest decision across policies", () => {
    const allow = policy({ rules: [{ id: "a", effect: "ALLOW" }] }, "pol_a");
    const block = policy({ target: { kind: "agent", agent_id: "engineer" }, rules: [{ id: "b", effect: "BLOCK", tools: ["db.*"] }] }, "pol_b");
    const result = evaluateAction([allow, block], action(), NO_COUNTERS, NOW);
    expect(result.decision).toBe("BLOCK");
    expect(result.reasons).toEqual([expect.objectContaining({ rule_id: "b", policy_id: "pol_b" })]);
  });

  it("blocks what no rule matches by default, allows it when the policy says so, and allows when no policy applies", () => {
    expect(decide({ rules: [] })).toMatchObject({ decision: "BLOCK", reasons: [{ code: "NO_MATCHING_RULE", rule_id: "default" }] });
    expect(decide({ default: "ALLOW", rules: [] })).toMatchObject({ decision: "ALLOW", reasons: [{ code: "DEFAULT_ALLOW" }] });
    expect(evaluateAction([], action(), NO_COUNTERS, NOW)).toMatchObject({ decision: "ALLOW", reasons: [{ code: "NO_POLICY" }] });
  });

  it("uses a rule's reason code and message", () => {
    const result = decide({ rules: [{ id: "no-delete", effect: "BLOCK", reason: { code: "DESTRUCTIVE_SQL", message: "No deletes on transactions" } }] });
    expect(result.reasons).toEqual([{ code: "DESTRUCTIVE_SQL", message: "No deletes on transactions", rule_id: "no-delete", policy_id: "pol_1", effect: "BLOCK" }]);
  });

  it("is deterministic for the same policy version, action, counters and time", () => {
    const doc = { rules: [{ id: "r", effect: "ESCALATE", when: [{ path: "amount", op: "gt", value: 3 }] }], payments: PRESETS.balanced.payments };
    const act = { kind: "payment" as const, params: { amount: 70, recipient: "a@b.com" } };
    expect(decide(doc, act)).toEqual(decide(doc, act));
  });
});

describe("CONSTRAIN", () => {
  it("caps amounts and redacts fields, merging every matching constraint", () => {
    const result = decide(
      {
        rules: [
          { id: "cap1", effect: "CONSTRAIN", constraint: { cap: [{ path: "amount", max: 50 }] } },
          { id: "cap2", effect: "CONSTRAIN", constraint: { cap: [{ path: "amount", max: 20 }], redact: ["card.number"] } },
        ],
      },
      { params: { amount: 80, card: { number: "4111", name: "X" } } },
    );
    expect(result.decision).toBe("CONSTRAIN");
    expect(result.constraint).toEqual({ cap: [{ path: "amount", max: 20 }], redact: ["card.number"] });
    expect(result.constrained_params).toEqual({ amount: 20, card: { number: "[REDACTED]", name: "X" } });
  });
});

describe("payment rules and their reason codes", () => {
  const pay = (payments: Record<string, unknown>, params: Record<string, unknown>, counters: Partial<PaymentCounters> = {}, now = NOW) =>
    decide({ default: "ALLOW", payments }, { kind: "payment", tool: "payments", params }, { ...NO_COUNTERS, ...counters }, now);
  const codes = (d: ReturnType<typeof pay>) => d.matched.map((r) => r.code);

  it.each<[string, Record<string, unknown>, Record<string, unknown>, Partial<PaymentCounters>, string, string]>([
    ["EXCEEDS_SINGLE_LIMIT", { max_single: 100 }, { amount: 100.01 }, {}, "BLOCK", "max_single"],
    ["EXCEEDS_DAILY_BUDGET", { daily_budget: 100 }, { amount: 10 }, { spentLastDayMicros: 95_000_000n }, "BLOCK", "daily_budget"],
    ["EXCEEDS_HOURLY_BUDGET", { hourly_budget: 20 }, { amount: 10 }, { spentLastHourMicros: 10_000_001n }, "BLOCK", "hourly_budget"],
    ["UNFAMILIAR_RECIPIENT", { trusted_recipients: ["billing@acme.com"] }, { amount: 1, recipient: "x@evil.com" }, {}, "ESCALATE", "trusted_recipients"],
    ["BLOCKED_DOMAIN", { blocked_domains: ["evil.com"] }, { amount: 1, recipient: "https://pay.evil.com/checkout" }, {}, "BLOCK", "blocked_domains"],
    ["SUSPICIOUS_PATTERN", {}, { amount: 1, recipient: "vendor@x.com" }, { sameRecipientRecent: 2 }, "ESCALATE", "suspicious_pattern"],
    ["CURRENCY_MISMATCH", { allowed_currencies: ["USD"] }, { amount: 1, currency: "eur" }, {}, "BLOCK", "allowed_currencies"],
    ["RATE_LIMIT_EXCEEDED", { max_requests_per_minute: 5 }, { amount: 1 }, { requestsLastMinute: 5 }, "BLOCK", "max_requests_per_minute"],
    ["ABOVE_ESCALATION_THRESHOLD", { escalate_above: 50 }, { amount: 50.5 }, {}, "ESCALATE", "escalate_above"],
    ["OUTSIDE_OPERATING_HOURS", { operating_hours: { start: "09:00", end: "11:00", time_zone: "UTC" } }, { amount: 1 }, {}, "BLOCK", "operating_hours"],
    ["AMOUNT_ZERO_OR_NEGATIVE", {}, { amount: 0 }, {}, "BLOCK", "amount"],
    ["POLICY_EXPIRED", { expires_at: "2026-11-18T11:59:59Z" }, { amount: 1 }, {}, "BLOCK", "expires_at"],
  ])("%s", (code, payments, params, counters, effect, field) => {
    const result = pay(payments, params, counters);
    expect(result.decision).toBe(effect);
    expect(result.reasons).toContainEqual(expect.objectContaining({ code, effect, rule_id: `payments.${field}` }));
  });

  it("allows a payment within every rule, and stays quiet at the limits themselves", () => {
    const result = pay({ max_single: 100, daily_budget: 100, hourly_budget: 100, escalate_above: 100, max_requests_per_minute: 5 }, { amount: 100 }, { spentLastDayMicros: 0n, requestsLastMinute: 4 });
    expect(result).toMatchObject({ decision: "ALLOW", reasons: [{ code: "WITHIN_PAYMENT_LIMITS" }] });
  });

  it("reports every rule a payment breaks", () => {
    expect(codes(pay({ max_single: 10, escalate_above: 5, blocked_domains: ["evil.com"] }, { amount: 20, recipient: "a@evil.com" }))).toEqual(
      expect.arrayContaining(["EXCEEDS_SINGLE_LIMIT", "ABOVE_ESCALATION_THRESHOLD", "BLOCKED_DOMAIN"]),
    );
  });

  it("honours operating hours in the policy's time zone, days and overnight windows", () => {
    const berlinOffice = { operating_hours: { start: "09:00", end: "17:00", time_zone: "Europe/Berlin", days: ["mon", "tue", "wed", "thu", "fri"] } };
    expect(pay(berlinOffice, { amount: 1 }, {}, new Date("2026-11-18T15:59:00Z")).decision).toBe("ALLOW"); // 16:59 in Berlin
    expect(pay(berlinOffice, { amount: 1 }, {}, new Date("2026-11-18T16:00:00Z")).decision).toBe("BLOCK"); // 17:00 in Berlin
    expect(pay(berlinOffice, { amount: 1 }, {}, new Date("2026-11-21T12:00:00Z")).decision).toBe("BLOCK"); // a Saturday
    const night = { operating_hours: { start: "22:00", end: "06:00", time_zone: "UTC" } };
    expect(pay(night, { amount: 1 }, {}, new Date("2026-11-18T23:30:00Z")).decision).toBe("ALLOW");
    expect(pay(night, { amount: 1 }, {}, new Date("2026-11-18T12:00:00Z")).decision).toBe("BLOCK");
  });

  it("matches blocked domains on the recipient's host and its subdomains only", () => {
    expect(recipientDomain("Ops@Billing.Evil.com")).toBe("billing.evil.com");
    expect(recipientDomain("https://pay.evil.com/x?y=1")).toBe("pay.evil.com");
    expect(pay({ blocked_domains: ["evil.com"] }, { amount: 1, recipient: "me@notevil.com" }).decision).toBe("ALLOW");
  });

  it("collects the approval settings of what escalated", () => {
    const result = pay({ escalate_above: 5, approval: { expires_in: 600, two_person_above: 50 } }, { amount: 60 });
    expect(result).toMatchObject({ decision: "ESCALATE", approval: { expires_in: 600, two_person_above: 50 } });
  });

  it("leaves non-payment actions to the rules and the default", () => {
    expect(decide({ default: "BLOCK", payments: { max_single: 1 } }, { kind: "tool_call" }).decision).toBe("BLOCK");
    expect(decide({ default: "ALLOW", payments: { max_single: 1 } }, { kind: "tool_call" }).decision).toBe("ALLOW");
  });
});

describe("presets", () => {
  it.each(Object.entries(PRESETS))("%s is a valid policy", (_name, doc) => {
    expect(PolicyDocumentSchema.safeParse(doc).success).toBe(true);
  });

  const payWith = (preset: keyof typeof PRESETS, amount: number, recipient = "vendor@shop.com", now = NOW) =>
    evaluateAction([compilePolicy("p", 1, PolicyDocumentSchema.parse(PRESETS[preset]))], action({ kind: "payment", params: { amount, recipient } }), NO_COUNTERS, now);

  it("get stricter from aggressive to risk-averse", () => {
    expect([payWith("aggressive", 60).decision, payWith("balanced", 60).decision, payWith("risk-averse", 60).decision]).toEqual(["ALLOW", "ESCALATE", "BLOCK"]);
    expect(payWith("balanced", 20).decision).toBe("ALLOW");
    expect(payWith("balanced", 150).reasons.map((r) => r.code)).toContain("EXCEEDS_SINGLE_LIMIT");
    expect(payWith("risk-averse", 5).reasons.map((r) => r.code)).toEqual(["UNFAMILIAR_RECIPIENT"]);
    expect(payWith("risk-averse", 5, "x", new Date("2026-11-18T20:00:00Z")).decision).toBe("BLOCK");
  });
});

describe("policy documents", () => {
  it.each<[string, Record<string, unknown>, string]>([
    ["an invalid regex", { rules: [{ id: "r", effect: "BLOCK", when: [{ path: "a", op: "regex", value: "(" }] }] }, "rules.0.when.0.value"],
    ["a list operator without a list", { rules: [{ id: "r", effect: "BLOCK", when: [{ path: "a", op: "in", value: "x" }] }] }, "rules.0.when.0.value"],
    ["a comparison with a string", { rules: [{ id: "r", effect: "BLOCK", when: [{ path: "a", op: "gt", value: "1" }] }] }, "rules.0.when.0.value"],
    ["a bad path", { rules: [{ id: "r", effect: "BLOCK", when: [{ path: "a..b", op: "exists" }] }] }, "rules.0.when.0.path"],
    ["CONSTRAIN without a constraint", { rules: [{ id: "r", effect: "CONSTRAIN" }] }, "rules.0.constraint"],
    ["a constraint on BLOCK", { rules: [{ id: "r", effect: "BLOCK", constraint: { redact: ["a"] } }] }, "rules.0.constraint"],
    ["an unknown effect", { rules: [{ id: "r", effect: "MAYBE" }] }, "rules.0.effect"],
    ["a duplicate rule id", { rules: [{ id: "r", effect: "BLOCK" }, { id: "r", effect: "ALLOW" }] }, "rules.1.id"],
    ["an unknown time zone", { payments: { operating_hours: { start: "09:00", end: "17:00", time_zone: "Mars/Olympus" } } }, "payments.operating_hours.time_zone"],
    ["an unknown field", { rules: [{ id: "r", effect: "BLOCK", when_not: [] }] }, "rules.0"],
  ])("refuses %s, naming where", (_name, doc, where) => {
    const result = PolicyDocumentSchema.safeParse({ name: "p", ...doc });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join("."))).toContain(where);
  });
});
