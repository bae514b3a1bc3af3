// Sessions over real HTTP: creation (scopes, spend limits, TTL, agents and crews registered on
// first sight), reading, and revocation (checks, expiry and crews: session-checks.test.ts).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { api, createKey, seedWorkspace } from "../helpers/api";
import {
  allAuditEntries,
  authorize,
  check,
  createCrew,
  createSession,
  expectError,
  expectInsufficientScope,
  expectInvalid,
  expectNotFound,
  expectUnauthorized,
  getSession,
  idempotent,
  ISO_UTC,
  patchAgent,
  revokeSession,
} from "../helpers/governance";

describe("POST /api/v1/sessions", () => {
  it("creates a session with the requested agent, scopes, ttl and spend limit", async () => {
    const { key } = await seedWorkspace();
    const res = await api("POST", "/api/v1/sessions", {
      key,
      body: { agent_id: "researcher", scopes: ["read", "execute"], ttl: 600, spend_limit: 12.5, metadata: { run: 7 } },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ agent_id: "researcher", scopes: ["read", "execute"], spend_limit: 12.5, ttl: 600 });
    expect(res.body.session_id).toMatch(/^ses_[0-9A-Z]{26}$/);
    expect(res.body.expires_at).toMatch(ISO_UTC);

    const session = await getSession(key, res.body.session_id);
    expect(session).toMatchObject({
      session_id: res.body.session_id,
      agent_id: "researcher",
      scopes: ["read", "execute"],
      spend_limit: 12.5,
      spent: 0,
      remaining_budget: 12.5,
      is_valid: true,
      expires_at: res.body.expires_at,
      revoked_at: null,
    });
    expect(Date.parse(session.expires_at) - Date.parse(session.created_at)).toBe(600_000);
  });

  it("defaults to the scope read, a one-hour ttl and no spend limit of its own", async () => {
    const { key } = await seedWorkspace();
    const created = await createSession(key, { agent_id: "plain" });
    expect(created).toMatchObject({ scopes: ["read"], ttl: 3600, spend_limit: null });
    const session = await getSession(key, created.session_id);
    expect(session).toMatchObject({ spend_limit: null, remaining_budget: null, spent: 0 });
    expect(Date.parse(session.expires_at) - Date.parse(session.created_at)).toBe(3_600_000);
  });

  it("stores the scope spend:50 as spend with a spend limit of 50", async () => {
    const { key } = await seedWorkspace();
    const created = await createSession(key, { agent_id: "buyer", scopes: ["read", "spend:50"] });
    expect(created.scopes).toEqual(["read", "spend"]);
    expect(created.spend_limit).toBe(50);
    expect(await getSession(key, created.session_id)).toMatchObject({ scopes: ["read", "spend"], spend_limit: 50, remaining_budget: 50 });
  });

  it("keeps an explicit spend_limit over the one a spend:N scope implies", async () => {
    const { key } = await seedWorkspace();
    const created = await createSession(key, { agent_id: "buyer", scopes: ["spend:50"], spend_limit: 10 });
    expect(created).toMatchObject({ scopes: ["spend"], spend_limit: 10 });
  });

  it("treats spend_limit 0 as no spending at all: a $0.01 payment is refused", async () => {
    const { key } = await seedWorkspace();
    const created = await createSession(key, { agent_id: "frugal", scopes: ["spend"], spend_limit: 0 });
    expect(created.spend_limit).toBe(0);
    const res = await authorize(key, created.session_id, 0.01);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ authorized: false, code: "session_budget_exceeded", reason: expect.any(String) });
    expect(await getSession(key, created.session_id)).toMatchObject({ spent: 0, spend_limit: 0, remaining_budget: 0 });
  });

  it("gives a session without a spend limit no cap of its own", async () => {
    const { key } = await seedWorkspace();
    const created = await createSession(key, { agent_id: "unbounded", scopes: ["spend"] });
    for (const amount of [1_000_000, 1_000_000]) {
      const res = await authorize(key, created.session_id, amount);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.remaining_budget).toBeNull();
    }
    expect(await getSession(key, created.session_id)).toMatchObject({ spent: 2_000_000, spend_limit: null, remaining_budget: null });
  });

  it("gives a session with ttl 0 the maximum TTL of 365 days, never 'forever' (Haldir's 0 is accepted)", async () => {
    const { key } = await seedWorkspace();
    const created = await createSession(key, { agent_id: "daemon", ttl: 0 });
    expect(created.ttl).toBe(31_536_000);
    expect(created.expires_at).not.toBeNull();
    const session = await getSession(key, created.session_id);
    expect(session).toMatchObject({ is_valid: true, ttl: 31_536_000, expires_at: created.expires_at });
    expect(Date.parse(session.expires_at) - Date.parse(session.created_at)).toBe(31_536_000_000);
    expect((await check(key, created.session_id, "read")).body.allowed).toBe(true);
    await revokeSession(key, created.session_id);
    expect((await check(key, created.session_id, "read")).body.allowed).toBe(false);
  });

  it("gives the maximum TTL exactly as ttl 0 does", async () => {
    const { key } = await seedWorkspace();
    const created = await createSession(key, { agent_id: "daemon", ttl: 31_536_000 });
    const session = await getSession(key, created.session_id);
    expect(session.ttl).toBe(31_536_000);
    expect(Date.parse(session.expires_at) - Date.parse(session.created_at)).toBe(31_536_000_000);
  });

  it("registers the agent the first time a session names it, once", async () => {
    const { key } = await seedWorkspace();
    expectNotFound(await api("GET", "/api/v1/agents/newcomer", { key }));
    await createSession(key, { agent_id: "newcomer" });
    await createSession(key, { agent_id: "newcomer" });
    const agent = await api("GET", "/api/v1/agents/newcomer", { key });
    expect(agent.status).toBe(200);
    expect(agent.body).toMatchObject({ agent_id: "newcomer", budget: null, spent: 0 });
    const list = await api("GET", "/api/v1/agents", { key });
    expect(list.body.agents.map((a: { agent_id: string }) => a.agent_id)).toEqual(["newcomer"]);
  });

  it("gives a session without scopes its agent's default scopes", async () => {
    const { key } = await seedWorkspace();
    await createSession(key, { agent_id: "writer" });
    await patchAgent(key, "writer", { default_scopes: ["read", "send_email"] });
    expect((await createSession(key, { agent_id: "writer" })).scopes).toEqual(["read", "send_email"]);
    expect((await createSession(key, { agent_id: "writer", scopes: ["execute"] })).scopes).toEqual(["execute"]);
  });

  it("puts the session and its agent in the crew named by crew_id", async () => {
    const { key } = await seedWorkspace();
    const crew = await createCrew(key, { name: "research", budget: 15 });
    const created = await createSession(key, { agent_id: "analyst", crew_id: crew.crew_id });
    expect(created.crew_id).toBe(crew.crew_id);
    expect((await api("GET", `/api/v1/crews/${crew.crew_id}`, { key })).body.members).toEqual(["analyst"]);
    expect((await api("GET", "/api/v1/agents/analyst", { key })).body.crews).toEqual([crew.crew_id]);
  });

  it("answers a crew_id of another workspace, or an unknown one, with 404 and creates nothing", async () => {
    const { key } = await seedWorkspace();
    const { key: otherKey } = await seedWorkspace();
    const foreign = await createCrew(otherKey, { name: "theirs" });
    expectNotFound(await api("POST", "/api/v1/sessions", { key, body: { agent_id: "intruder", crew_id: foreign.crew_id } }));
    expectNotFound(await api("POST", "/api/v1/sessions", { key, body: { agent_id: "intruder", crew_id: "crw_01JD0000000000000000000000" } }));
    expectNotFound(await api("GET", "/api/v1/agents/intruder", { key }));
    expect((await api("GET", `/api/v1/crews/${foreign.crew_id}`, { key: otherKey })).body.members).toEqual([]);
  });

  it("records the creation in the audit trail", async () => {
    const { key } = await seedWorkspace();
    const created = await createSession(key, { agent_id: "audited", scopes: ["read", "spend:5"] });
    const [entry] = (await allAuditEntries(key, { session_id: created.session_id })).filter((e) => e.action === "session.created");
    expect(entry).toMatchObject({
      agent_id: "audited",
      session_id: created.session_id,
      actor_type: "api_key",
      details: { scopes: ["read", "spend"], spend_limit: 5, ttl: 3600 },
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a missing agent_id", {}, "agent_id"],
    ["an empty agent_id", { agent_id: "" }, "agent_id"],
    ["an agent_id over 128 characters", { agent_id: "a".repeat(129) }, "agent_id"],
    ["an agent_id with a space", { agent_id: "two words" }, "agent_id"],
    ["a numeric agent_id", { agent_id: 42 }, "agent_id"],
    ["an agent_id of dots, which no URL can name", { agent_id: ".." }, "agent_id"],
    ["scopes that are not a list", { agent_id: "a", scopes: "read" }, "scopes"],
    ["a scope with a space", { agent_id: "a", scopes: ["read", "send email"] }, "scopes.1"],
    ["an empty scope", { agent_id: "a", scopes: [""] }, "scopes.0"],
    ["more than 100 scopes", { agent_id: "a", scopes: Array.from({ length: 101 }, (_, i) => `s${i}`) }, "scopes"],
    ["a negative ttl", { agent_id: "a", ttl: -1 }, "ttl"],
    ["a fractional ttl", { agent_id: "a", ttl: 1.5 }, "ttl"],
    ["a ttl given as a string", { agent_id: "a", ttl: "60" }, "ttl"],
    ["a ttl over a year", { agent_id: "a", ttl: 31_536_001 }, "ttl"],
    ["a negative spend_limit", { agent_id: "a", spend_limit: -1 }, "spend_limit"],
    ["a spend_limit finer than a micro-unit", { agent_id: "a", spend_limit: 0.0000001 }, "spend_limit"],
    ["a spend_limit given as a string", { agent_id: "a", spend_limit: "5" }, "spend_limit"],
    ["a spend:N scope implying a limit over 1,000,000,000", { agent_id: "a", scopes: ["spend:99999999999999"] }, "scopes.0"],
    ["a crew_id that is not a crew id", { agent_id: "a", crew_id: "research" }, "crew_id"],
    ["metadata that is not an object", { agent_id: "a", metadata: ["x"] }, "metadata"],
    ["metadata over 16 KiB", { agent_id: "a", metadata: { blob: "x".repeat(17_000) } }, "metadata"],
  ])("answers %s with 400 naming the field", async (_case, body, field) => {
    const { key } = await seedWorkspace();
    expectInvalid(await api("POST", "/api/v1/sessions", { key, body }), field);
    expectNotFound(await api("GET", "/api/v1/agents/a", { key }));
  });

  it("answers a malformed JSON body with 400", async () => {
    const { key } = await seedWorkspace();
    const res = await api("POST", "/api/v1/sessions", { key, rawBody: '{"agent_id": "a",', headers: { "content-type": "application/json" } });
    expectInvalid(res, "body");
  });

  it("refuses a request without a key, or with an unknown key, with 401", async () => {
    expectUnauthorized(await api("POST", "/api/v1/sessions", { body: { agent_id: "a" } }));
    expectUnauthorized(await api("POST", "/api/v1/sessions", { key: `wdn_${"Z".repeat(43)}`, body: { agent_id: "a" } }));
  });

  it("refuses a key without sessions:write with 403 insufficient_scope", async () => {
    const { key } = await seedWorkspace(["sessions:read", "payments:write", "audit:write"]);
    expectInsufficientScope(await api("POST", "/api/v1/sessions", { key, body: { agent_id: "a" } }), "sessions:write");
  });

  it("replays the first response to an Idempotency-Key retry without creating a second session", async () => {
    const { key } = await seedWorkspace();
    const headers = idempotent(randomUUID());
    const body = { agent_id: "retrier", scopes: ["read"] };
    const first = await api("POST", "/api/v1/sessions", { key, body, headers });
    const retry = await api("POST", "/api/v1/sessions", { key, body, headers });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.body).toEqual(first.body);
    const created = (await allAuditEntries(key, { agent_id: "retrier" })).filter((e) => e.action === "session.created");
    expect(created).toHaveLength(1);

    const reused = await api("POST", "/api/v1/sessions", { key, body: { agent_id: "someone-else" }, headers });
    expectError(reused, 422, "idempotency_key_reused");
  });

  it("echoes X-Request-ID and answers other methods with 405", async () => {
    const { key } = await seedWorkspace();
    const res = await api("POST", "/api/v1/sessions", { key, body: { agent_id: "a" }, headers: { "x-request-id": "req-sessions-1" } });
    expect(res.headers.get("x-request-id")).toBe("req-sessions-1");
    expectError(await api("PUT", "/api/v1/sessions", { key, body: { agent_id: "a" } }), 405, "method_not_allowed");
  });
});

describe("GET /api/v1/sessions/:id", () => {
  it("returns the documented fields", async () => {
    const { key } = await seedWorkspace();
    const created = await createSession(key, { agent_id: "reader", scopes: ["read", "spend"], spend_limit: 3 });
    await authorize(key, created.session_id, 1.25);
    const session = await getSession(key, created.session_id);
    expect(session).toEqual(
      expect.objectContaining({
        session_id: created.session_id,
        agent_id: "reader",
        scopes: ["read", "spend"],
        spend_limit: 3,
        spent: 1.25,
        remaining_budget: 1.75,
        is_valid: true,
        created_at: expect.stringMatching(ISO_UTC),
        expires_at: expect.stringMatching(ISO_UTC),
        revoked_at: null,
      }),
    );
  });

  it("answers an unknown id with 404", async () => {
    const { key } = await seedWorkspace();
    expectNotFound(await api("GET", "/api/v1/sessions/ses_01JD0000000000000000000000", { key }));
    expectNotFound(await api("GET", "/api/v1/sessions/not-even-an-id", { key }));
  });

  it("answers another workspace's session with 404, not 403", async () => {
    const { key } = await seedWorkspace();
    const { key: otherKey } = await seedWorkspace();
    const theirs = await createSession(otherKey, { agent_id: "theirs" });
    expectNotFound(await api("GET", `/api/v1/sessions/${theirs.session_id}`, { key }));
  });

  it("refuses a missing key with 401 and a key without sessions:read with 403", async () => {
    const { slug, key } = await seedWorkspace();
    const created = await createSession(key, { agent_id: "a" });
    expectUnauthorized(await api("GET", `/api/v1/sessions/${created.session_id}`));
    const auditOnly = await createKey(slug, ["audit:read"]);
    expectInsufficientScope(await api("GET", `/api/v1/sessions/${created.session_id}`, { key: auditOnly }), "sessions:read");
  });
});

describe("DELETE /api/v1/sessions/:id", () => {
  it("revokes the session, and repeating it is harmless and audited once", async () => {
    const { key } = await seedWorkspace();
    const created = await createSession(key, { agent_id: "leaver" });
    expect(await revokeSession(key, created.session_id)).toEqual({ revoked: true, session_id: created.session_id });
    expect(await revokeSession(key, created.session_id)).toEqual({ revoked: true, session_id: created.session_id });
    const session = await getSession(key, created.session_id);
    expect(session.is_valid).toBe(false);
    expect(session.revoked_at).toMatch(ISO_UTC);
    const revocations = (await allAuditEntries(key, { session_id: created.session_id })).filter((e) => e.action === "session.revoked");
    expect(revocations).toHaveLength(1);
    expect(revocations[0]).toMatchObject({ agent_id: "leaver", actor_type: "api_key" });
  });

  it("answers an unknown id with 404", async () => {
    const { key } = await seedWorkspace();
    expectNotFound(await api("DELETE", "/api/v1/sessions/ses_01JD0000000000000000000000", { key }));
  });

  it("answers another workspace's session with 404 and leaves it valid", async () => {
    const { key } = await seedWorkspace();
    const { key: otherKey } = await seedWorkspace();
    const theirs = await createSession(otherKey, { agent_id: "theirs" });
    expectNotFound(await api("DELETE", `/api/v1/sessions/${theirs.session_id}`, { key }));
    expect((await getSession(otherKey, theirs.session_id)).is_valid).toBe(true);
  });

  it("refuses a missing key with 401 and a key with only sessions:read with 403", async () => {
    const { slug, key } = await seedWorkspace();
    const created = await createSession(key, { agent_id: "a" });
    expectUnauthorized(await api("DELETE", `/api/v1/sessions/${created.session_id}`));
    const readOnly = await createKey(slug, ["sessions:read"]);
    expectInsufficientScope(await api("DELETE", `/api/v1/sessions/${created.session_id}`, { key: readOnly }), "sessions:write");
    expect((await getSession(key, created.session_id)).is_valid).toBe(true);
  });
});
