// Velocity rules and crew-wide windows in the pure engine, and the plan of windows a decision
// locks, reads and records (lib/policies/plan-windows.ts).
import { describe, expect, it } from "vitest";
import { compilePolicy, evaluateAction, NO_COUNTERS, windowCounter, type PolicyAction } from "@/lib/policies/evaluate-action";
import { countersFrom, planWindows } from "@/lib/policies/plan-windows";
import { toDocument, toForm } from "@/app/w/[slug]/policies/[id]/form-model";
import { PolicyDocumentSchema } from "@/lib/policies/schemas";

const NOW = new Date("2026-11-18T12:00:00Z");
const policy = (doc: Record<string, unknown>, id = "pol_1") => compilePolicy(id, 1, PolicyDocumentSchema.parse({ name: "test", ...doc }));
const action = (over: Partial<PolicyAction> = {}): PolicyAction => ({ kind: "tool_call", tool: "search", action: "run", params: {}, agentId: "agent-1", crews: [], ...over });

const throttle = policy({ default: "ALLOW", rules: [{ id: "burst", tools: ["search"], effect: "BLOCK", rate_limit: { max: 3, per: "minute" } }] });
const crewPolicy = policy(
  {
    default: "ALLOW",
    target: { kind: "crew", crew_id: "crw_a" },
    rules: [{ id: "crew-burst", effect: "ESCALATE", rate_limit: { max: 10, per: "hour", per_crew: true } }],
    payments: { per_crew: true, max_requests_per_minute: 2, hourly_budget: 5 },
  },
  "pol_crew",
);

describe("velocity rules", () => {
  it("fires only beyond max matching actions in the window, this one included", () => {
    const withHits = (n: number) => evaluateAction([throttle], action(), { ...NO_COUNTERS, ruleHits: { [windowCounter("pol_1", "burst")]: n } }, NOW);
    expect(withHits(0).decision).toBe("ALLOW");
    expect(withHits(2).decision).toBe("ALLOW");
    expect(withHits(3)).toMatchObject({ decision: "BLOCK", reasons: [{ rule_id: "burst", code: "RULE_BLOCK" }] });
  });

  it("plans one window per matching velocity rule, for the agent or the policy's crew, and none for rules that do not match", () => {
    expect(planWindows([throttle], action())).toEqual({ crews: [], hits: [{ subject: "agent:agent-1", counter: "rule:pol_1:burst", seconds: 60 }], paymentSubjects: [], withinMinutes: 5 });
    expect(planWindows([throttle], action({ tool: "fetch" })).hits).toEqual([]);
    expect(planWindows([crewPolicy], action()).hits).toEqual([]);
    expect(planWindows([crewPolicy], action({ crews: ["crw_a"] }))).toMatchObject({ crews: ["crw_a"], hits: [{ subject: "crew:crw_a", counter: "rule:pol_crew:crew-burst", seconds: 3600 }] });
  });
});

describe("payment windows", () => {
  const payment = action({ kind: "payment", tool: "payments", params: { amount: 1 }, crews: ["crw_a"] });

  it("counts every evaluated payment request for the agent, and for the crew of a crew-wide policy", () => {
    const plan = planWindows([crewPolicy], payment);
    expect(plan.crews).toEqual(["crw_a"]);
    expect(plan.paymentSubjects).toEqual(["agent:agent-1", "crew:crw_a"]);
    expect(plan.hits.map((h) => `${h.subject} ${h.counter} ${h.seconds}`)).toEqual(["agent:agent-1 payments 60", "crew:crw_a payments 60", "crew:crw_a rule:pol_crew:crew-burst 3600"]);
  });

  it("evaluates a crew-wide policy's payment rules against the crew's windows, not the agent's", () => {
    const plan = planWindows([crewPolicy], payment);
    const counts = (crewRequests: number, crewHour: string) => ({
      hits: [0, crewRequests, 0],
      payments: { "agent:agent-1": { hour: "0", day: "0", same: 0 }, "crew:crw_a": { hour: crewHour, day: crewHour, same: 0 } },
    });
    const decide = (crewRequests: number, crewHour: string) => evaluateAction([crewPolicy], payment, countersFrom(plan, counts(crewRequests, crewHour), "agent-1"), NOW);
    expect(decide(1, "0").decision).toBe("ALLOW");
    expect(decide(2, "0").reasons[0]!.code).toBe("RATE_LIMIT_EXCEEDED");
    expect(decide(0, "4000000").decision).toBe("ALLOW");
    expect(decide(0, "4000001").reasons[0]!.code).toBe("EXCEEDS_HOURLY_BUDGET");
  });
});

describe("the policy editor's form", () => {
  it("keeps a velocity rule's rate_limit and crew-wide payment windows through the form unchanged", () => {
    const document = PolicyDocumentSchema.parse({
      name: "crew limits",
      default: "ALLOW",
      target: { kind: "crew", crew_id: "crw_a" },
      rules: [{ id: "burst", effect: "BLOCK", rate_limit: { max: 5, per: "hour", per_crew: true } }],
      payments: { per_crew: true, max_requests_per_minute: 10 },
    });
    const back = PolicyDocumentSchema.parse(toDocument(toForm(document)));
    expect(back.rules[0]!.rate_limit).toEqual({ max: 5, per: "hour", per_crew: true });
    expect(back.payments).toMatchObject({ per_crew: true, max_requests_per_minute: 10 });
  });
});
