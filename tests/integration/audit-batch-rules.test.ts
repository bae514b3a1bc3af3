// The audit trail over real HTTP, continued: batches of up to 1,000 events (all or nothing), the
// workspace's anomaly rules that flag entries as they are written, and refused keys on the hot
// routes leaving no trace.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { api, createKey, seedWorkspace } from "../helpers/api";
import {
  allAuditEntries,
  auditPage,
  authorize,
  check,
  createSession,
  expectInsufficientScope,
  expectInvalid,
  expectUnauthorized,
  idempotent,
  logAction,
  revokeSession,
  spend,
  verify,
} from "../helpers/governance";

const setRules = async (key: string, body: Record<string, unknown>) => {
  const res = await api("PUT", "/api/v1/audit/rules", { key, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

const batch = (key: string, events: Record<string, unknown>[]) => api("POST", "/api/v1/audit/batch", { key, body: { events } });


describe("POST /api/v1/audit/batch", () => {
  it("logs 1,000 events in one request, contiguously in the chain", async () => {
    const { key } = await seedWorkspace();
    const a = await createSession(key, { agent_id: "bulk-a" });
    const b = await createSession(key, { agent_id: "bulk-b" });
    const events = Array.from({ length: 1000 }, (_, i) => ({
      session_id: i % 2 ? a.session_id : b.session_id,
      action: "ingest",
      tool: "etl",
      cost_usd: 0.001,
      details: { i },
    }));
    const res = await batch(key, events);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201);
    expect(res.body).toMatchObject({ logged: true, count: 1000, flagged_count: 0 });
    expect(res.body.entry_ids).toHaveLength(1000);
    expect(res.body.last_seq - res.body.first_seq).toBe(999);

    const logged = (await allAuditEntries(key, { tool: "etl" })).reverse();
    expect(logged.map((e) => e.entry_id)).toEqual(res.body.entry_ids);
    expect(logged.map((e) => e.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => res.body.first_seq + i));
    expect(logged.map((e) => e.details.i)).toEqual(events.map((e) => e.details.i));
    expect(logged.filter((e) => e.agent_id === "bulk-a")).toHaveLength(500);
    expect((await spend(key, "agent_id=bulk-b")).by_tool.etl).toBe(0.5);
    expect((await verify(key)).verified).toBe(true);
  });

  it("refuses 1,001 events with 400 and logs none", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "bulk" });
    const res = await batch(key, Array.from({ length: 1001 }, () => ({ session_id, action: "too many" })));
    expectInvalid(res, "events");
    expect((await auditPage(key, { session_id })).count).toBe(1);
  });

  it("refuses an empty batch and names the bad field of a bad event", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "bulk" });
    expectInvalid(await batch(key, []), "events");
    expectInvalid(await batch(key, [{ session_id, action: "fine" }, { session_id }]), "events.1.action");
    expectInvalid(await batch(key, [{ session_id, action: "fine", cost_usd: -1 }]), "events.0.cost_usd");
    expectInvalid(await api("POST", "/api/v1/audit/batch", { key, body: {} }), "events");
    expect((await auditPage(key, { session_id })).count).toBe(1);
  });

  it("logs nothing at all when one event names a revoked session, and names it in a 401", async () => {
    const { key } = await seedWorkspace();
    const live = await createSession(key, { agent_id: "live" });
    const revoked = await createSession(key, { agent_id: "revoked" });
    await revokeSession(key, revoked.session_id);
    const before = await allAuditEntries(key);
    const events = Array.from({ length: 10 }, (_, i) => ({ session_id: i === 7 ? revoked.session_id : live.session_id, action: "maybe" }));
    const res = await batch(key, events);
    expectUnauthorized(res);
    expect(res.body.session_id).toBe(revoked.session_id);
    expect(await allAuditEntries(key)).toEqual(before);
    expect(await verify(key)).toMatchObject({ verified: true, entries_checked: before.length });
    // The chain continues from where it was: the next entry follows the last one before the batch.
    const next = await logAction(key, { session_id: live.session_id, action: "after" });
    const [after] = (await auditPage(key, { limit: 1 })).entries;
    expect(after).toMatchObject({ entry_id: next.body.entry_id, seq: before[0]!.seq + 1, prev_hash: before[0]!.entry_hash });
  });

  it("refuses a batch naming another workspace's session with 401", async () => {
    const { key } = await seedWorkspace();
    const { key: otherKey } = await seedWorkspace();
    const mine = await createSession(key, { agent_id: "mine" });
    const theirs = await createSession(otherKey, { agent_id: "theirs" });
    expectUnauthorized(await batch(key, [{ session_id: mine.session_id, action: "a" }, { session_id: theirs.session_id, action: "b" }]));
    expect(await allAuditEntries(otherKey, { session_id: theirs.session_id })).toHaveLength(1);
  });

  it("refuses a missing key with 401 and a key with only audit:read with 403", async () => {
    const { slug, key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "a" });
    expectUnauthorized(await batch("", [{ session_id, action: "a" }]));
    expectInsufficientScope(await batch(await createKey(slug, ["audit:read"]), [{ session_id, action: "a" }]), "audit:write");
  });

  it("replays an Idempotency-Key retry without logging the batch twice", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "a" });
    const headers = idempotent(randomUUID());
    const body = { events: [{ session_id, action: "x", tool: "once" }, { session_id, action: "y", tool: "once" }] };
    const first = await api("POST", "/api/v1/audit/batch", { key, body, headers });
    const retry = await api("POST", "/api/v1/audit/batch", { key, body, headers });
    expect(first.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await allAuditEntries(key, { tool: "once" })).toHaveLength(2);
  });
});

describe("/api/v1/audit/rules", () => {
  it("starts with no thresholds and denied checks flagged", async () => {
    const { key } = await seedWorkspace(["audit:read"]);
    const res = await api("GET", "/api/v1/audit/rules", { key });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ max_cost_per_action: null, max_actions_per_minute: null, flag_denied_checks: true });
  });

  it("updates only the rules given, clears a threshold with null, and audits the change", async () => {
    const { key } = await seedWorkspace();
    expect(await setRules(key, { max_cost_per_action: 2.5 })).toEqual({ max_cost_per_action: 2.5, max_actions_per_minute: null, flag_denied_checks: true });
    expect(await setRules(key, { max_actions_per_minute: 30, flag_denied_checks: false })).toEqual({
      max_cost_per_action: 2.5,
      max_actions_per_minute: 30,
      flag_denied_checks: false,
    });
    expect(await setRules(key, { max_cost_per_action: null })).toMatchObject({ max_cost_per_action: null, max_actions_per_minute: 30 });
    expect((await api("GET", "/api/v1/audit/rules", { key })).body).toEqual({ max_cost_per_action: null, max_actions_per_minute: 30, flag_denied_checks: false });
    const changes = (await allAuditEntries(key)).filter((e) => e.action === "anomaly_rules.updated");
    expect(changes).toHaveLength(3);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a negative max_cost_per_action", { max_cost_per_action: -1 }, "max_cost_per_action"],
    ["a max_cost_per_action given as a string", { max_cost_per_action: "1" }, "max_cost_per_action"],
    ["a zero max_actions_per_minute", { max_actions_per_minute: 0 }, "max_actions_per_minute"],
    ["a fractional max_actions_per_minute", { max_actions_per_minute: 2.5 }, "max_actions_per_minute"],
    ["a flag_denied_checks that is not a boolean", { flag_denied_checks: "yes" }, "flag_denied_checks"],
  ])("answers %s with 400 naming the field", async (_case, body, field) => {
    const { key } = await seedWorkspace();
    expectInvalid(await api("PUT", "/api/v1/audit/rules", { key, body }), field);
  });

  it("needs audit:read to read the rules and audit:write to change them", async () => {
    const { slug } = await seedWorkspace();
    expectUnauthorized(await api("GET", "/api/v1/audit/rules"));
    expectUnauthorized(await api("PUT", "/api/v1/audit/rules", { body: { max_cost_per_action: 1 } }));
    const reader = await createKey(slug, ["audit:read"]);
    expectInsufficientScope(await api("PUT", "/api/v1/audit/rules", { key: reader, body: { max_cost_per_action: 1 } }), "audit:write");
    expectInsufficientScope(await api("GET", "/api/v1/audit/rules", { key: await createKey(slug, ["sessions:write"]) }), "audit:read");
  });
});

describe("anomaly flags", () => {
  it("flags an action costing more than max_cost_per_action as cost_above_threshold", async () => {
    const { key } = await seedWorkspace();
    await setRules(key, { max_cost_per_action: 1 });
    const { session_id } = await createSession(key, { agent_id: "a" });
    expect((await logAction(key, { session_id, action: "at the threshold", cost_usd: 1 })).body).toMatchObject({ flagged: false, flag_reason: null });
    const costly = await logAction(key, { session_id, action: "over it", cost_usd: 1.01 });
    expect(costly.body).toMatchObject({ flagged: true, flag_reason: "cost_above_threshold" });
    const flagged = await auditPage(key, { flagged: true });
    expect(flagged.entries).toEqual([expect.objectContaining({ entry_id: costly.body.entry_id, flag_reason: "cost_above_threshold" })]);
  });

  it("flags the action after the first N of an agent within a minute as rate_above_threshold", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "hasty" });
    await setRules(key, { max_actions_per_minute: 3 });
    const results = [];
    for (let i = 1; i <= 5; i++) results.push((await logAction(key, { session_id, action: `action ${i}` })).body);
    expect(results.map((r) => r.flagged)).toEqual([false, false, false, true, true]);
    expect(results[3]).toMatchObject({ flag_reason: "rate_above_threshold" });
    const flagged = await auditPage(key, { flagged: true });
    expect(flagged.entries.map((e) => e.action)).toEqual(["action 5", "action 4"]);
  });

  it("counts the rate per agent: another agent's actions do not flag this one's", async () => {
    const { key } = await seedWorkspace();
    const busy = await createSession(key, { agent_id: "busy" });
    const calm = await createSession(key, { agent_id: "calm" });
    await setRules(key, { max_actions_per_minute: 2 });
    for (let i = 0; i < 4; i++) await logAction(key, { session_id: busy.session_id, action: "spam" });
    const res = await logAction(key, { session_id: calm.session_id, action: "one thing" });
    expect(res.body).toMatchObject({ flagged: false });
  });

  it("flags the actions beyond N even when they arrive at the same time", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "burst" });
    await setRules(key, { max_actions_per_minute: 3 });
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => logAction(key, { session_id, action: `burst ${i}` })));
    expect(results.filter((r) => r.body.flagged)).toHaveLength(37);
    const chain = (await allAuditEntries(key, { session_id })).filter((e) => e.action.startsWith("burst")).reverse();
    expect(chain.map((e) => e.flagged)).toEqual([false, false, false, ...Array.from({ length: 37 }, () => true)]);
  });

  it("flags batched events beyond N per agent, like single logs", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "batcher" });
    await setRules(key, { max_actions_per_minute: 3 });
    const res = await batch(key, Array.from({ length: 5 }, (_, i) => ({ session_id, action: `b${i + 1}` })));
    expect(res.status).toBe(201);
    expect(res.body.flagged_count).toBe(2);
    const entries = (await allAuditEntries(key, { session_id })).filter((e) => /^b\d$/.test(e.action)).reverse();
    expect(entries.map((e) => e.flag_reason)).toEqual([null, null, null, "rate_above_threshold", "rate_above_threshold"]);
  });

  it("counts an action flagged for its cost toward the rate, in a batch as in single logs", async () => {
    const { key } = await seedWorkspace();
    const single = await createSession(key, { agent_id: "single" });
    const batched = await createSession(key, { agent_id: "batched" });
    await setRules(key, { max_actions_per_minute: 3, max_cost_per_action: 5 });
    const actions = [{ action: "b1" }, { action: "b2", cost_usd: 6 }, { action: "b3" }, { action: "b4" }, { action: "b5" }];
    for (const a of actions) await logAction(key, { session_id: single.session_id, ...a });
    expect((await batch(key, actions.map((a) => ({ session_id: batched.session_id, ...a })))).status).toBe(201);
    const expected = [null, "cost_above_threshold", null, "rate_above_threshold", "rate_above_threshold"];
    for (const sessionId of [single.session_id, batched.session_id]) {
      const entries = (await allAuditEntries(key, { session_id: sessionId })).filter((e) => /^b\d$/.test(e.action)).reverse();
      expect(entries.map((e) => e.flag_reason), sessionId).toEqual(expected);
    }
  });

  it("lists flagged entries of every kind with flagged=true", async () => {
    const { key } = await seedWorkspace();
    await setRules(key, { max_cost_per_action: 1 });
    const { session_id } = await createSession(key, { agent_id: "mixed", scopes: ["read", "spend"], spend_limit: 1 });
    await logAction(key, { session_id, action: "costly", cost_usd: 3 });
    await check(key, session_id, "admin");
    await authorize(key, session_id, 2);
    await logAction(key, { session_id, action: "fine" });
    const flagged = await auditPage(key, { flagged: true });
    expect(flagged.entries.map((e) => e.flag_reason)).toEqual(["session_budget_exceeded", "denied_check", "cost_above_threshold"]);
  });
});

// The hot routes authenticate the key in the same database statement as their operation: a
// refused key must stop the operation there, leaving no entry, no spend, no last-use change.
describe("a refused key on the hot routes (check, authorize, audit) leaves no trace", () => {
  const hotCalls = (key: string, session_id: string) => [
    () => check(key, session_id, "read"),
    () => authorize(key, session_id, 1),
    () => logAction(key, { session_id, action: "a" }),
  ];

  it("answers 403 for a key without the route's scope, 401 for a revoked or unknown key, and writes nothing", async () => {
    const { slug, key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "a", scopes: ["read", "spend"] });
    const readOnly = await createKey(slug, ["sessions:read", "payments:read", "audit:read"]);
    const revoked = await createKey(slug, ["*"]);
    expect((await api("DELETE", `/api/v1/keys/${revoked.slice(0, 12)}`, { key })).status).toBe(200);
    const before = await verify(key);
    const unknown = `wdn_${"A".repeat(43)}`;

    const [checked, authorized, logged] = await Promise.all(hotCalls(readOnly, session_id).map((call) => call()));
    expectInsufficientScope(checked!, "sessions:write");
    expectInsufficientScope(authorized!, "payments:write");
    expectInsufficientScope(logged!, "audit:write");
    for (const res of await Promise.all([...hotCalls(revoked, session_id), ...hotCalls(unknown, session_id)].map((call) => call()))) {
      expectUnauthorized(res);
    }

    expect(await verify(key)).toMatchObject({ verified: true, entries_checked: before.entries_checked });
    expect((await spend(key)).total_usd).toBe(0);
  });

  it("answers a bad key before bad input: 401 for a revoked key with an invalid body", async () => {
    const { slug, key } = await seedWorkspace();
    const revoked = await createKey(slug, ["*"]);
    await api("DELETE", `/api/v1/keys/${revoked.slice(0, 12)}`, { key });
    expectUnauthorized(await check(revoked, "ses_x", ""));
    expectUnauthorized(await authorize(revoked, "ses_x", -1));
    expectUnauthorized(await logAction(revoked, { session_id: "ses_x" }));
    const readOnly = await createKey(slug, ["audit:read"]);
    expectInsufficientScope(await logAction(readOnly, { session_id: "ses_x" }), "audit:write");
  });
});
