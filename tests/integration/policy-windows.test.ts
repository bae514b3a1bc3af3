// Every windowed policy limit holds under bursts of concurrent requests, on both databases: the
// windows are read, evaluated and consumed in the transaction that charges the budget, under the
// session, agent (and crew) row locks. The number authorized never exceeds a limit, and equals it
// when the burst is larger; every response is a documented outcome; the chain verifies after.
import { describe, expect, it } from "vitest";
import { PRESETS } from "@/lib/policies/presets";
import { api, seedWorkspace } from "../helpers/api";
import { atOnce, createCrew, createSession, expectInvalid, getSession } from "../helpers/governance";
import { evaluate, expectChainVerifies, pay, publishPolicy, tallyDecisions, tallyPayments, workspaceWithPolicy } from "./policy-windows-support";

const balanced = PRESETS.balanced;

describe("payment windows under bursts (the demo's balanced preset: 20 a minute, $250 an hour)", () => {
  it("authorizes exactly 20 of 100 concurrent $1 payments from one agent, and refuses the rest with RATE_LIMIT_EXCEEDED", async () => {
    const { key } = await workspaceWithPolicy(balanced);
    const { session_id } = await createSession(key, { agent_id: "hammer", scopes: ["spend"] });
    const responses = await atOnce(100, () => pay(key, session_id, 1));
    const tally = tallyPayments(responses, ["RATE_LIMIT_EXCEEDED"]);
    expect(tally).toEqual({ authorized: 20, refused: 80, escalated: 0, amount: 20 });
    // Each refusal says when to ask again: after the minute its window covers.
    for (const refused of responses.filter((r) => r.status === 403)) {
      expect(refused.headers.get("retry-after")).toBe("60");
      expect(refused.body.retry_after).toBe(60);
    }
    expect((await getSession(key, session_id)).spent).toBe(20);
    await expectChainVerifies(key);
  });

  it("authorizes exactly $250 (25 payments) of 60 concurrent $10 payments against the hourly budget", async () => {
    // The preset's 20 a minute would stop this burst first: it is lifted to reach the hourly budget.
    const { key } = await workspaceWithPolicy({ ...balanced, payments: { ...balanced.payments, max_requests_per_minute: 1000 } });
    const { session_id } = await createSession(key, { agent_id: "spender", scopes: ["spend"] });
    const tally = tallyPayments(await atOnce(60, () => pay(key, session_id, 10)), ["EXCEEDS_HOURLY_BUDGET"]);
    expect(tally).toEqual({ authorized: 25, refused: 35, escalated: 0, amount: 250 });
    expect((await getSession(key, session_id)).spent).toBe(250);
    await expectChainVerifies(key);
  });

  it("authorizes exactly 40 of 120 concurrent $1 payments against a $40 daily budget, across the agent's sessions", async () => {
    const { key } = await workspaceWithPolicy({ name: "daily", default: "ALLOW", payments: { daily_budget: 40 } });
    const sessions = await atOnce(4, () => createSession(key, { agent_id: "daily-agent", scopes: ["spend"] }));
    const tally = tallyPayments(await atOnce(120, (i) => pay(key, sessions[i % 4]!.session_id, 1)), ["EXCEEDS_DAILY_BUDGET"]);
    expect(tally).toEqual({ authorized: 40, refused: 80, escalated: 0, amount: 40 });
    await expectChainVerifies(key);
  });

  it("authorizes exactly 4 of 100 concurrent payments to one recipient and escalates the rest (SUSPICIOUS_PATTERN at the 5th)", async () => {
    const { key } = await workspaceWithPolicy({ name: "pattern", default: "ALLOW", payments: { suspicious_pattern: { same_recipient: 5, within_minutes: 5 } } });
    const { session_id } = await createSession(key, { agent_id: "repeat-payer", scopes: ["spend"] });
    const responses = await atOnce(100, () => pay(key, session_id, 1, { recipient: "vendor@shop.com" }));
    const tally = tallyPayments(responses, []);
    expect(tally).toEqual({ authorized: 4, refused: 0, escalated: 96, amount: 4 });
    expect(responses.filter((r) => r.status === 202).every((r) => r.body.reasons[0].code === "SUSPICIOUS_PATTERN")).toBe(true);
    // Another recipient is not affected by the pattern.
    expect((await pay(key, session_id, 1, { recipient: "other@shop.com" })).status).toBe(200);
    await expectChainVerifies(key);
  });

  it("counts refused requests toward the rate: blocked attempts use up the minute's requests", async () => {
    const { key } = await workspaceWithPolicy({ name: "strict", default: "ALLOW", payments: { max_single: 10, max_requests_per_minute: 5 } });
    const { session_id } = await createSession(key, { agent_id: "prober", scopes: ["spend"] });
    const blocked = await atOnce(5, () => pay(key, session_id, 50));
    expect(blocked.map((r) => r.body.code)).toEqual(Array(5).fill("EXCEEDS_SINGLE_LIMIT"));
    const next = await pay(key, session_id, 1);
    expect(next.status).toBe(403);
    expect(next.body).toMatchObject({ authorized: false, code: "RATE_LIMIT_EXCEEDED" });
  });
});

describe("velocity rules (rate_limit) under bursts", () => {
  it("allows exactly 30 of 150 concurrent evaluated tool calls within a minute; other tools are unaffected", async () => {
    const { key } = await workspaceWithPolicy({
      name: "throttle",
      default: "ALLOW",
      rules: [{ id: "search-burst", kinds: ["tool_call"], tools: ["search*"], effect: "BLOCK", rate_limit: { max: 30, per: "minute" }, reason: { code: "TOO_MANY_SEARCHES", message: "30 searches a minute" } }],
    });
    const { session_id } = await createSession(key, { agent_id: "searcher" });
    const tally = tallyDecisions(await atOnce(150, (i) => evaluate(key, session_id, { kind: "tool_call", tool: `search.${i % 3}` })));
    expect(tally).toEqual({ ALLOW: 30, BLOCK: 120 });
    expect((await evaluate(key, session_id, { kind: "tool_call", tool: "fetch" })).body.decision).toBe("ALLOW");
    const blocked = await evaluate(key, session_id, { kind: "tool_call", tool: "search" });
    expect(blocked.body).toMatchObject({ decision: "BLOCK", reasons: [{ code: "TOO_MANY_SEARCHES", rule_id: "search-burst" }] });
    await expectChainVerifies(key);
  });

  it("reads exactly 10 of 100 concurrent secret reads a velocity rule allows per hour", async () => {
    const { key } = await seedWorkspace();
    expect((await api("POST", "/api/v1/secrets", { key, body: { name: "db-password", value: "hunter2" } })).status).toBe(201);
    await publishPolicy(key, { name: "vault", default: "ALLOW", rules: [{ id: "reads", kinds: ["secret_read"], effect: "BLOCK", rate_limit: { max: 10, per: "hour" } }] });
    const { session_id } = await createSession(key, { agent_id: "reader", scopes: ["read"] });
    const reads = await atOnce(100, () => api("GET", `/api/v1/secrets/db-password?session_id=${session_id}`, { key }));
    expect(reads.filter((r) => r.status === 200).every((r) => r.body.value === "hunter2")).toBe(true);
    expect(reads.filter((r) => r.status === 200)).toHaveLength(10);
    expect(reads.filter((r) => r.status === 403).every((r) => r.body.code === "forbidden" && r.body.reason_code === "RULE_BLOCK")).toBe(true);
    expect(reads.filter((r) => r.status === 403)).toHaveLength(90);
    await expectChainVerifies(key);
  });

  it("refuses per_crew outside a crew-targeted policy, and a rate_limit without a valid window, naming the field", async () => {
    const { key } = await seedWorkspace();
    const create = (body: Record<string, unknown>) => api("POST", "/api/v1/policies", { key, body });
    expectInvalid(await create({ name: "a", rules: [{ id: "r", effect: "BLOCK", rate_limit: { max: 5, per: "minute", per_crew: true } }] }), "rules.0.rate_limit.per_crew");
    expectInvalid(await create({ name: "b", rules: [{ id: "r", effect: "BLOCK", rate_limit: { max: 5, per: "week" } }] }), "rules.0.rate_limit.per");
    expectInvalid(await create({ name: "c", rules: [{ id: "r", effect: "BLOCK", rate_limit: { max: 0, per: "day" } }] }), "rules.0.rate_limit.max");
    expectInvalid(await create({ name: "d", payments: { per_crew: true } }), "payments.per_crew");
  });
});

describe("crew-wide windows under bursts", () => {
  async function crewWithPolicy(document: (crewId: string) => Record<string, unknown>) {
    const { key } = await seedWorkspace();
    const crew = await createCrew(key, { name: "swarm", agent_ids: ["w-0", "w-1", "w-2", "w-3", "w-4"] });
    await publishPolicy(key, document(crew.crew_id));
    const sessions = await atOnce(5, (i) => createSession(key, { agent_id: `w-${i}`, scopes: ["spend"], ...(i % 2 ? { crew_id: crew.crew_id } : {}) }));
    const outsider = await createSession(key, { agent_id: "outsider", scopes: ["spend"] });
    return { key, crew, sessions, outsider };
  }

  it("authorizes exactly 25 of 100 concurrent payments by five agents against the crew's shared 25 a minute", async () => {
    const { key, sessions, outsider } = await crewWithPolicy((crewId) => ({
      name: "crew payments",
      default: "ALLOW",
      target: { kind: "crew", crew_id: crewId },
      payments: { per_crew: true, max_requests_per_minute: 25 },
    }));
    const tally = tallyPayments(await atOnce(100, (i) => pay(key, sessions[i % 5]!.session_id, 1)), ["RATE_LIMIT_EXCEEDED"]);
    expect(tally).toEqual({ authorized: 25, refused: 75, escalated: 0, amount: 25 });
    expect((await pay(key, outsider.session_id, 1)).status).toBe(200);
    await expectChainVerifies(key);
  });

  it("authorizes exactly $60 of 100 concurrent $1 payments by five agents against the crew's shared hourly budget", async () => {
    const { key, sessions } = await crewWithPolicy((crewId) => ({
      name: "crew hourly",
      default: "ALLOW",
      target: { kind: "crew", crew_id: crewId },
      payments: { per_crew: true, hourly_budget: 60 },
    }));
    const tally = tallyPayments(await atOnce(100, (i) => pay(key, sessions[i % 5]!.session_id, 1)), ["EXCEEDS_HOURLY_BUDGET"]);
    expect(tally).toEqual({ authorized: 60, refused: 40, escalated: 0, amount: 60 });
    await expectChainVerifies(key);
  });

  it("allows exactly 40 of 100 concurrent LLM calls by five agents under a per_crew velocity rule, escalating the rest", async () => {
    const { key, sessions, outsider } = await crewWithPolicy((crewId) => ({
      name: "crew velocity",
      default: "ALLOW",
      target: { kind: "crew", crew_id: crewId },
      rules: [{ id: "crew-llm", kinds: ["llm_call"], effect: "ESCALATE", rate_limit: { max: 40, per: "day", per_crew: true } }],
    }));
    const tally = tallyDecisions(await atOnce(100, (i) => evaluate(key, sessions[i % 5]!.session_id, { kind: "llm_call", tool: "gpt" })));
    expect(tally).toEqual({ ALLOW: 40, ESCALATE: 60 });
    expect((await evaluate(key, outsider.session_id, { kind: "llm_call", tool: "gpt" })).body.decision).toBe("ALLOW");
    await expectChainVerifies(key);
  });
});
