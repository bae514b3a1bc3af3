// The policy engine alone, in-process: p50 / p99 / max of one evaluation against a 100-rule
// policy (every operator, globs, agent and crew filters, payment rules), over many actions that
// match at different depths. Target (issue 5): p99 under 1 ms. Run by `npm run bench` first, or
// alone: `npx tsx bench/policy-eval.ts`.
import { pathToFileURL } from "node:url";
import { compilePolicy, evaluateAction, type PaymentCounters, type PolicyAction } from "@/lib/policies/evaluate-action";
import { PRESETS } from "@/lib/policies/presets";
import { PolicyDocumentSchema, type PolicyDocument } from "@/lib/policies/schemas";

const OPS = [
  (i: number) => ({ path: "amount", op: "gt", value: 1000 + i }),
  (i: number) => ({ path: "table", op: "in", value: [`t${i}`, `u${i}`, "transactions"] }),
  (i: number) => ({ path: "url", op: "regex", value: `^https://(api|www)\\.vendor${i}\\.com/` }),
  (i: number) => ({ path: "args.mode", op: "not_in", value: [`m${i}`, "safe"] }),
  (i: number) => ({ path: "recipient", op: "equals", value: `vendor${i}@example.com` }),
];

function hundredRulePolicy(): PolicyDocument {
  const effects = ["LOG", "ESCALATE", "BLOCK", "CONSTRAIN"] as const;
  return PolicyDocumentSchema.parse({
    name: "bench: 100 rules",
    default: "BLOCK",
    payments: PRESETS.balanced.payments,
    rules: Array.from({ length: 100 }, (_, i) => {
      const effect = effects[i % effects.length]!;
      return {
        id: `rule-${i}`,
        kinds: i % 3 === 0 ? ["payment", "tool_call"] : ["tool_call"],
        tools: [`tool${i % 10}.*`, `other${i}`],
        ...(i % 7 === 0 ? { agents: ["agent-1", `agent-${i}`] } : {}),
        ...(i % 11 === 0 ? { crews: ["crw_a"] } : {}),
        when: [OPS[i % OPS.length]!(i), OPS[(i + 1) % OPS.length]!(i)],
        effect,
        ...(effect === "CONSTRAIN" ? { constraint: { cap: [{ path: "amount", max: 10 }], redact: ["card"] } } : {}),
      };
    }),
  });
}

function actions(n: number): PolicyAction[] {
  return Array.from({ length: n }, (_, i) => ({
    kind: i % 4 === 0 ? "payment" : "tool_call",
    tool: `tool${i % 12}.run`,
    action: "bench",
    params: { amount: (i * 37) % 2500, table: i % 5 === 0 ? "transactions" : `t${i % 100}`, url: `https://api.vendor${i % 100}.com/x`, args: { mode: "m3" }, recipient: `vendor${i % 100}@example.com`, card: "4111" },
    agentId: `agent-${i % 10}`,
    crews: i % 2 === 0 ? ["crw_a"] : [],
  }));
}

export function benchPolicyEvaluation(iterations = 200_000): { p50: number; p99: number; max: number; perSecond: number } {
  const policy = compilePolicy("pol_bench", 1, hundredRulePolicy());
  const inputs = actions(1000);
  const counters: PaymentCounters = { spentLastHourMicros: 40_000_000n, spentLastDayMicros: 300_000_000n, requestsLastMinute: 3, sameRecipientRecent: 1 };
  const now = new Date("2026-11-18T12:00:00Z");
  for (let i = 0; i < 20_000; i++) evaluateAction([policy], inputs[i % inputs.length]!, counters, now); // warm-up (JIT)
  const samples = new Float64Array(iterations);
  const started = performance.now();
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    evaluateAction([policy], inputs[i % inputs.length]!, counters, now);
    samples[i] = performance.now() - t;
  }
  const elapsed = performance.now() - started;
  samples.sort();
  return { p50: samples[Math.floor(iterations * 0.5)]!, p99: samples[Math.floor(iterations * 0.99)]!, max: samples[iterations - 1]!, perSecond: (iterations / elapsed) * 1000 };
}

export function printPolicyBenchmark(): void {
  const r = benchPolicyEvaluation();
  const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
  console.log(
    `Policy engine (in-process, 100-rule policy + payment rules, 200,000 evaluations): p50 ${us(r.p50)}, p99 ${us(r.p99)}, ` +
      `max ${us(r.max)}, ${Math.round(r.perSecond).toLocaleString("en-US")} evaluations/s — target p99 < 1 ms: ${r.p99 < 1 ? "PASS" : "MISS"}`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) printPolicyBenchmark();
