// The audit trail over real HTTP: logging actions, listing newest first with filters and cursor
// paging, spend totals and chain verification (batches and anomaly rules: audit-batch-rules.test.ts).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { api, createKey, seedWorkspace } from "../helpers/api";
import {
  allAuditEntries,
  auditPage,
  authorize,
  check,
  createCrew,
  createSession,
  expectError,
  expectInsufficientScope,
  expectInvalid,
  expectUnauthorized,
  idempotent,
  ISO_UTC,
  logAction,
  revokeSession,
  spend,
  verify,
} from "../helpers/governance";

const HASH = /^[0-9a-f]{64}$/;

const batch = (key: string, events: Record<string, unknown>[]) => api("POST", "/api/v1/audit/batch", { key, body: { events } });

describe("POST /api/v1/audit", () => {
  it("logs an action against a live session with the session's agent", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "coder" });
    const res = await logAction(key, {
      session_id,
      action: "ran tests",
      tool: "shell",
      cost_usd: 0.25,
      details: { command: "npm test", exit: 0 },
      suggested_by: "planner",
      decision: "ALLOW",
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ logged: true, entry_id: expect.stringMatching(/^aud_[0-9A-Z]{26}$/), flagged: false, flag_reason: null });
    const [entry] = (await auditPage(key, { session_id, tool: "shell" })).entries;
    expect(entry).toEqual(
      expect.objectContaining({
        entry_id: res.body.entry_id,
        session_id,
        agent_id: "coder",
        suggested_by: "planner",
        tool: "shell",
        action: "ran tests",
        decision: "ALLOW",
        cost_usd: 0.25,
        flagged: false,
        flag_reason: null,
        timestamp: expect.stringMatching(ISO_UTC),
        details: { command: "npm test", exit: 0 },
        prev_hash: expect.stringMatching(HASH),
        entry_hash: expect.stringMatching(HASH),
      }),
    );
  });

  it("defaults tool to empty, cost to 0 and details to {}", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "minimal" });
    const res = await logAction(key, { session_id, action: "thought" });
    expect(res.status).toBe(201);
    const entry = (await allAuditEntries(key, { session_id })).find((e) => e.entry_id === res.body.entry_id);
    expect(entry).toMatchObject({ tool: "", cost_usd: 0, details: {}, suggested_by: null, decision: null });
  });

  it("answers an unknown, revoked or another workspace's session with 401 and logs nothing", async () => {
    const { key } = await seedWorkspace();
    const { key: otherKey } = await seedWorkspace();
    const theirs = await createSession(otherKey, { agent_id: "theirs" });
    const revoked = await createSession(key, { agent_id: "gone" });
    await revokeSession(key, revoked.session_id);
    const before = (await allAuditEntries(key)).length;
    for (const sessionId of ["ses_01JD0000000000000000000000", revoked.session_id, theirs.session_id]) {
      expectUnauthorized(await logAction(key, { session_id: sessionId, action: "sneaky" }));
    }
    expect(await allAuditEntries(key)).toHaveLength(before);
    expect(await allAuditEntries(otherKey, { session_id: theirs.session_id })).toHaveLength(1);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a missing session_id", { action: "a" }, "session_id"],
    ["a missing action", { session_id: "ses_x" }, "action"],
    ["an empty action", { session_id: "ses_x", action: "" }, "action"],
    ["an action over 256 characters", { session_id: "ses_x", action: "a".repeat(257) }, "action"],
    ["a tool over 128 characters", { session_id: "ses_x", action: "a", tool: "t".repeat(129) }, "tool"],
    ["a negative cost_usd", { session_id: "ses_x", action: "a", cost_usd: -1 }, "cost_usd"],
    ["a cost_usd given as a string", { session_id: "ses_x", action: "a", cost_usd: "1" }, "cost_usd"],
    ["a cost_usd finer than a micro-unit", { session_id: "ses_x", action: "a", cost_usd: 0.0000001 }, "cost_usd"],
    ["details that are a list", { session_id: "ses_x", action: "a", details: [1, 2] }, "details"],
    ["details that are a string", { session_id: "ses_x", action: "a", details: "x" }, "details"],
    ["details over 16 KiB", { session_id: "ses_x", action: "a", details: { blob: "x".repeat(17_000) } }, "details"],
    ["an unknown decision", { session_id: "ses_x", action: "a", decision: "MAYBE" }, "decision"],
    ["an empty suggested_by", { session_id: "ses_x", action: "a", suggested_by: "" }, "suggested_by"],
  ])("answers %s with 400 naming the field", async (_case, body, field) => {
    const { key } = await seedWorkspace();
    expectInvalid(await logAction(key, body), field);
  });

  it("refuses a missing key with 401 and a key with only audit:read with 403", async () => {
    const { slug, key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "a" });
    expectUnauthorized(await logAction("", { session_id, action: "a" }));
    const readOnly = await createKey(slug, ["audit:read"]);
    expectInsufficientScope(await logAction(readOnly, { session_id, action: "a" }), "audit:write");
  });

  it("replays an Idempotency-Key retry without logging twice", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "a" });
    const headers = idempotent(randomUUID());
    const body = { session_id, action: "once", tool: "t" };
    const first = await api("POST", "/api/v1/audit", { key, body, headers });
    const retry = await api("POST", "/api/v1/audit", { key, body, headers });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await allAuditEntries(key, { session_id, tool: "t" })).toHaveLength(1);
    expectError(await api("POST", "/api/v1/audit", { key, body: { ...body, action: "twice" }, headers }), 422, "idempotency_key_reused");
  });

  it("answers other methods with 405", async () => {
    const { key } = await seedWorkspace();
    expectError(await api("DELETE", "/api/v1/audit", { key }), 405, "method_not_allowed");
  });
});

describe("GET /api/v1/audit", () => {
  it("lists entries newest first, by descending sequence number", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "a" });
    for (const action of ["first", "second", "third"]) await logAction(key, { session_id, action });
    const page = await auditPage(key, { session_id });
    expect(page.entries.map((e) => e.action)).toEqual(["third", "second", "first", "session.created"]);
    const seqs = page.entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(page.count).toBe(4);
    expect(page.next_cursor).toBeNull();
  });

  it("filters by session_id, agent_id, tool and flagged", async () => {
    const { key } = await seedWorkspace();
    await api("PUT", "/api/v1/audit/rules", { key, body: { max_cost_per_action: 1 } });
    const a = await createSession(key, { agent_id: "alpha" });
    const b = await createSession(key, { agent_id: "beta" });
    await logAction(key, { session_id: a.session_id, action: "search", tool: "web" });
    await logAction(key, { session_id: a.session_id, action: "pricey", tool: "llm", cost_usd: 5 });
    await logAction(key, { session_id: b.session_id, action: "search", tool: "web" });

    expect((await auditPage(key, { session_id: a.session_id })).entries.map((e) => e.action)).toEqual(["pricey", "search", "session.created"]);
    expect((await auditPage(key, { agent_id: "beta" })).entries.map((e) => e.action)).toEqual(["search", "session.created"]);
    expect((await auditPage(key, { tool: "web" })).entries.map((e) => e.agent_id)).toEqual(["beta", "alpha"]);
    const flagged = await auditPage(key, { flagged: true });
    expect(flagged.entries.map((e) => e.action)).toEqual(["pricey"]);
    expect((await auditPage(key, { flagged: false })).entries.every((e) => !e.flagged)).toBe(true);
    expect((await auditPage(key, { agent_id: "alpha", tool: "web" })).count).toBe(1);
  });

  it("never shows another workspace's entries, whatever the filter", async () => {
    const { key } = await seedWorkspace();
    const { key: otherKey } = await seedWorkspace();
    const theirs = await createSession(otherKey, { agent_id: "theirs" });
    await logAction(otherKey, { session_id: theirs.session_id, action: "private", tool: "secret-tool" });
    expect((await auditPage(key, { session_id: theirs.session_id })).count).toBe(0);
    expect((await auditPage(key, { agent_id: "theirs" })).count).toBe(0);
    expect((await auditPage(key, { tool: "secret-tool" })).count).toBe(0);
    expect((await allAuditEntries(key)).some((e) => e.action === "private")).toBe(false);
  });

  it("pages with limit and next_cursor through every entry exactly once", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "pager" });
    const logged = await batch(key, Array.from({ length: 23 }, (_, i) => ({ session_id, action: `step ${i}` })));
    expect(logged.status).toBe(201);
    const everything = await allAuditEntries(key);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await auditPage(key, { limit: 5, ...(cursor ? { cursor } : {}) });
      expect(page.count).toBe(page.entries.length);
      expect(page.count).toBeLessThanOrEqual(5);
      seen.push(...page.entries.map((e) => e.entry_id));
      cursor = page.next_cursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(everything.map((e) => e.entry_id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBe(Math.ceil(everything.length / 5));
    expect(everything.map((e) => e.seq)).toEqual(Array.from({ length: everything.length }, (_, i) => everything.length - i));
  });

  it("returns at most 100 entries by default", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "busy" });
    await batch(key, Array.from({ length: 120 }, () => ({ session_id, action: "tick" })));
    const page = await auditPage(key);
    expect(page.count).toBe(100);
    expect(page.next_cursor).not.toBeNull();
  });

  it.each<[string, string]>([
    ["limit=2.5", "limit"],
    ["limit=ten", "limit"],
    ["limit=0", "limit"],
    ["limit=1001", "limit"],
    ["limit=-1", "limit"],
    ["flagged=yes", "flagged"],
    ["cursor=abc", "cursor"],
    ["cursor=99999999999999999999999", "cursor"],
  ])("answers ?%s with 400 naming the parameter", async (query, field) => {
    const { key } = await seedWorkspace();
    expectInvalid(await api("GET", `/api/v1/audit?${query}`, { key }), field);
  });

  it("refuses a missing key with 401 and a key without audit:read with 403", async () => {
    const { slug } = await seedWorkspace();
    expectUnauthorized(await api("GET", "/api/v1/audit"));
    const sessionsOnly = await createKey(slug, ["sessions:write"]);
    expectInsufficientScope(await api("GET", "/api/v1/audit", { key: sessionsOnly }), "audit:read");
  });
});

describe("GET /api/v1/audit/spend", () => {
  it("totals logged action costs by tool as Haldir does, and reports authorized payments in their own fields", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "spender", scopes: ["spend"] });
    await logAction(key, { session_id, action: "prompt", tool: "llm", cost_usd: 0.1 });
    await logAction(key, { session_id, action: "prompt", tool: "llm", cost_usd: 0.2 });
    await logAction(key, { session_id, action: "fetch", tool: "web", cost_usd: 0.000001 });
    await authorize(key, session_id, 1.5);
    await authorize(key, session_id, 0.25);
    const total = await spend(key, `session_id=${session_id}`);
    // Exact sums (never floats), and the payments are neither in total_usd nor in by_tool.
    expect(total).toMatchObject({ total_usd: 0.300001, payments_usd: 1.75, payment_count: 2 });
    expect(total.by_tool).toMatchObject({ llm: 0.3, web: 0.000001 });
    expect(total.by_tool).not.toHaveProperty("payments");
    // Every other entry of the session (its creation, the receipts) counts as an action of cost 0.
    expect(total.action_count).toBeGreaterThanOrEqual(3);
    expect(Object.values(total.by_tool).reduce((a, b) => a + b, 0)).toBeCloseTo(total.total_usd, 9);
  });

  it("filters by session, agent and crew", async () => {
    const { key } = await seedWorkspace();
    const crew = await createCrew(key, { name: "crew" });
    const inCrew = await createSession(key, { agent_id: "member", crew_id: crew.crew_id, scopes: ["spend"] });
    const second = await createSession(key, { agent_id: "member", scopes: ["spend"] });
    const outsider = await createSession(key, { agent_id: "outsider", scopes: ["spend"] });
    await authorize(key, inCrew.session_id, 2);
    await authorize(key, second.session_id, 3);
    await authorize(key, outsider.session_id, 7);
    await logAction(key, { session_id: outsider.session_id, action: "search", tool: "web", cost_usd: 0.5 });

    expect((await spend(key, `session_id=${inCrew.session_id}`)).payments_usd).toBe(2);
    expect((await spend(key, "agent_id=member")).payments_usd).toBe(5);
    // The member's second session names no crew, but its agent belongs to exactly one: it joins it.
    expect((await spend(key, `crew_id=${crew.crew_id}`)).payments_usd).toBe(5);
    expect(await spend(key)).toMatchObject({ total_usd: 0.5, payments_usd: 12, payment_count: 3 });
    expect(await spend(key, "agent_id=nobody")).toEqual({ total_usd: 0, action_count: 0, by_tool: {}, payments_usd: 0, payment_count: 0 });
  });

  it("never counts another workspace's spend", async () => {
    const { key } = await seedWorkspace();
    const { key: otherKey } = await seedWorkspace();
    const theirs = await createSession(otherKey, { agent_id: "theirs", scopes: ["spend"] });
    await authorize(otherKey, theirs.session_id, 9);
    expect((await spend(key, `session_id=${theirs.session_id}`)).payments_usd).toBe(0);
    expect((await spend(key)).payments_usd).toBe(0);
  });

  it("refuses a missing key with 401 and a key without audit:read with 403", async () => {
    const { slug } = await seedWorkspace();
    expectUnauthorized(await api("GET", "/api/v1/audit/spend"));
    expectInsufficientScope(await api("GET", "/api/v1/audit/spend", { key: await createKey(slug, ["payments:write"]) }), "audit:read");
  });
});

describe("GET /api/v1/audit/verify", () => {
  it("verifies the whole chain of the workspace", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "a", scopes: ["read", "spend"] });
    await check(key, session_id, "read");
    await authorize(key, session_id, 1);
    await logAction(key, { session_id, action: "done" });
    const total = (await allAuditEntries(key)).length;
    expect(await verify(key)).toEqual({ verified: true, entries_checked: total, message: expect.any(String) });
  });

  it("links every entry to the one before it", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "a" });
    await logAction(key, { session_id, action: "one" });
    const entries = (await allAuditEntries(key)).reverse();
    expect(entries[0]!.prev_hash).toBe("0".repeat(64));
    entries.slice(1).forEach((entry, i) => expect(entry.prev_hash).toBe(entries[i]!.entry_hash));
  });

  it("refuses a missing key with 401 and a key without audit:read with 403", async () => {
    const { slug } = await seedWorkspace();
    expectUnauthorized(await api("GET", "/api/v1/audit/verify"));
    expectInsufficientScope(await api("GET", "/api/v1/audit/verify", { key: await createKey(slug, ["sessions:read"]) }), "audit:read");
  });
});
