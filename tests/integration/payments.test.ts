// Payments over real HTTP: POST /api/v1/payments/authorize checks the session, agent and crew
// budgets, exactly (micro-units, never floats), refuses with the documented statuses and codes,
// and writes every outcome to the audit trail. Concurrency lives in concurrency.test.ts.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { api, createKey, seedWorkspace } from "../helpers/api";
import {
  allAuditEntries,
  authorize,
  createCrew,
  createSession,
  expectError,
  expectInsufficientScope,
  expectInvalid,
  expectUnauthorized,
  getSession,
  idempotent,
  ISO_UTC,
  patchAgent,
  revokeSession,
  spend,
} from "../helpers/governance";

const refused = (code: string) => ({ authorized: false, code, reason: expect.any(String) });

describe("POST /api/v1/payments/authorize", () => {
  it("authorizes a payment within the session's limit and charges the session", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "buyer", scopes: ["spend"], spend_limit: 10 });
    const res = await authorize(key, session_id, 2.5, { description: "API credits", recipient: "acme" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({
        authorized: true,
        authorization_id: expect.stringMatching(/^auth_[0-9A-Z]{26}$/),
        session_id,
        agent_id: "buyer",
        amount: 2.5,
        currency: "USD",
        description: "API credits",
        remaining_budget: 7.5,
        timestamp: expect.stringMatching(ISO_UTC),
      }),
    );
    expect(await getSession(key, session_id)).toMatchObject({ spent: 2.5, remaining_budget: 7.5 });
  });

  it("refuses the payment that would pass the session's limit, and charges nothing for it", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "buyer", scopes: ["spend:5"] });
    expect((await authorize(key, session_id, 3)).status).toBe(200);
    const over = await authorize(key, session_id, 3);
    expect(over.status).toBe(403);
    expect(over.body).toMatchObject(refused("session_budget_exceeded"));
    const exact = await authorize(key, session_id, 2);
    expect(exact.status).toBe(200);
    expect(exact.body.remaining_budget).toBe(0);
    expect(await getSession(key, session_id)).toMatchObject({ spent: 5, remaining_budget: 0 });
  });

  it("adds amounts exactly: $0.10 + $0.20 fill a $0.30 limit and the next micro-dollar is refused", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "penny", scopes: ["spend"], spend_limit: 0.3 });
    expect((await authorize(key, session_id, 0.1)).status).toBe(200);
    const second = await authorize(key, session_id, 0.2);
    expect(second.status).toBe(200);
    expect(second.body.remaining_budget).toBe(0);
    expect(await getSession(key, session_id)).toMatchObject({ spent: 0.3, remaining_budget: 0 });
    expect((await authorize(key, session_id, 0.01)).status).toBe(403);
    expect((await spend(key, `session_id=${session_id}`)).payments_usd).toBe(0.3);
  });

  it("refuses a session without the spend scope with 403 missing_scope", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "reader", scopes: ["read", "execute"] });
    const res = await authorize(key, session_id, 1);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject(refused("missing_scope"));
  });

  it("lets a session with the admin scope spend", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "root", scopes: ["admin"], spend_limit: 5 });
    expect((await authorize(key, session_id, 5)).status).toBe(200);
  });

  it("accepts the workspace currency in any case and refuses another with 403 currency_mismatch", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "buyer", scopes: ["spend"] });
    const lower = await authorize(key, session_id, 1, { currency: "usd" });
    expect(lower.status).toBe(200);
    expect(lower.body.currency).toBe("USD");
    const euros = await authorize(key, session_id, 1, { currency: "EUR" });
    expect(euros.status).toBe(403);
    expect(euros.body).toMatchObject(refused("currency_mismatch"));
    expect((await getSession(key, session_id)).spent).toBe(1);
  });

  it("refuses a payment that would pass the agent's budget with 403 agent_budget_exceeded", async () => {
    const { key } = await seedWorkspace();
    const first = await createSession(key, { agent_id: "spender", scopes: ["spend"] });
    await patchAgent(key, "spender", { budget: 3 });
    const second = await createSession(key, { agent_id: "spender", scopes: ["spend"] });
    expect((await authorize(key, first.session_id, 2)).status).toBe(200);
    const over = await authorize(key, second.session_id, 2);
    expect(over.status).toBe(403);
    expect(over.body).toMatchObject(refused("agent_budget_exceeded"));
    const last = await authorize(key, second.session_id, 1);
    expect(last.status).toBe(200);
    expect(last.body.remaining_budget).toBe(0);
    expect((await api("GET", "/api/v1/agents/spender", { key })).body).toMatchObject({ budget: 3, spent: 3, remaining_budget: 0 });
  });

  it("refuses a payment that would pass the crew's budget with 403 crew_budget_exceeded", async () => {
    const { key } = await seedWorkspace();
    const crew = await createCrew(key, { name: "crew", budget: 4 });
    const a = await createSession(key, { agent_id: "a", scopes: ["spend"], crew_id: crew.crew_id });
    const b = await createSession(key, { agent_id: "b", scopes: ["spend"], crew_id: crew.crew_id });
    expect((await authorize(key, a.session_id, 3)).status).toBe(200);
    const over = await authorize(key, b.session_id, 2);
    expect(over.status).toBe(403);
    expect(over.body).toMatchObject(refused("crew_budget_exceeded"));
    expect((await authorize(key, b.session_id, 1)).status).toBe(200);
    expect((await api("GET", `/api/v1/crews/${crew.crew_id}`, { key })).body).toMatchObject({ budget: 4, spent: 4, remaining_budget: 0 });
  });

  it("reports the smallest of the session, agent and crew budgets as remaining", async () => {
    const { key } = await seedWorkspace();
    const crew = await createCrew(key, { name: "crew", budget: 20 });
    const { session_id } = await createSession(key, { agent_id: "layered", scopes: ["spend"], spend_limit: 100, crew_id: crew.crew_id });
    await patchAgent(key, "layered", { budget: 50 });
    expect((await authorize(key, session_id, 5)).body.remaining_budget).toBe(15);
  });

  it("answers an unknown, another workspace's or a revoked session with 401 session_invalid", async () => {
    const { key } = await seedWorkspace();
    const { key: otherKey } = await seedWorkspace();
    const theirs = await createSession(otherKey, { agent_id: "theirs", scopes: ["spend"] });
    const revoked = await createSession(key, { agent_id: "gone", scopes: ["spend"] });
    await revokeSession(key, revoked.session_id);
    for (const sessionId of ["ses_01JD0000000000000000000000", theirs.session_id, revoked.session_id]) {
      const res = await authorize(key, sessionId, 1);
      expect(res.status, sessionId).toBe(401);
      expect(res.body).toMatchObject(refused("session_invalid"));
    }
    expect((await getSession(otherKey, theirs.session_id)).spent).toBe(0);
  });

  it("writes every authorization and refusal to the audit trail and counts authorizations in spend", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "tracked", scopes: ["spend"], spend_limit: 1 });
    const ok = await authorize(key, session_id, 0.75, { description: "tokens", recipient: "openai" });
    await authorize(key, session_id, 0.5);
    const entries = (await allAuditEntries(key, { session_id, tool: "payments" })).reverse();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      action: "payment.authorized",
      agent_id: "tracked",
      decision: "ALLOW",
      cost_usd: 0.75,
      flagged: false,
      details: { authorization_id: ok.body.authorization_id, description: "tokens", recipient: "openai", currency: "USD" },
    });
    expect(entries[1]).toMatchObject({
      action: "payment.refused",
      decision: "BLOCK",
      cost_usd: 0,
      flagged: true,
      flag_reason: "session_budget_exceeded",
    });
    const total = await spend(key, `session_id=${session_id}`);
    expect(total).toMatchObject({ payments_usd: 0.75, payment_count: 1, total_usd: 0 });
  });

  it("records the agent that suggested the payment, when the caller says so", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "executor", scopes: ["spend"] });
    expect((await authorize(key, session_id, 1, { suggested_by: "planner" })).status).toBe(200);
    const [entry] = await allAuditEntries(key, { session_id, tool: "payments" });
    expect(entry).toMatchObject({ agent_id: "executor", suggested_by: "planner", action: "payment.authorized" });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a missing session_id", { amount: 1 }, "session_id"],
    ["an empty session_id", { session_id: "", amount: 1 }, "session_id"],
    ["a missing amount", { session_id: "ses_x" }, "amount"],
    ["a zero amount", { session_id: "ses_x", amount: 0 }, "amount"],
    ["a negative amount", { session_id: "ses_x", amount: -5 }, "amount"],
    ["an amount under one cent", { session_id: "ses_x", amount: 0.009 }, "amount"],
    ["an amount over 1,000,000", { session_id: "ses_x", amount: 1_000_000.01 }, "amount"],
    ["an amount finer than a micro-unit", { session_id: "ses_x", amount: 1.0000001 }, "amount"],
    ["an amount given as a string", { session_id: "ses_x", amount: "5" }, "amount"],
    ["a two-letter currency", { session_id: "ses_x", amount: 1, currency: "US" }, "currency"],
    ["a currency that is not a code", { session_id: "ses_x", amount: 1, currency: "dollars" }, "currency"],
    ["a description over 1000 characters", { session_id: "ses_x", amount: 1, description: "d".repeat(1001) }, "description"],
    ["an empty recipient", { session_id: "ses_x", amount: 1, recipient: "" }, "recipient"],
  ])("answers %s with 400 naming the field", async (_case, body, field) => {
    const { key } = await seedWorkspace();
    expectInvalid(await api("POST", "/api/v1/payments/authorize", { key, body }), field);
  });

  it("refuses a missing or unknown key with 401 and a key without payments:write with 403", async () => {
    const { slug, key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "a", scopes: ["spend"] });
    expectUnauthorized(await authorize("", session_id, 1));
    expectUnauthorized(await authorize(`wdn_${"Q".repeat(43)}`, session_id, 1));
    const noPayments = await createKey(slug, ["sessions:write", "audit:write"]);
    expectInsufficientScope(await authorize(noPayments, session_id, 1), "payments:write");
    expect((await getSession(key, session_id)).spent).toBe(0);
  });

  it("replays an Idempotency-Key retry without charging twice, and refuses a reused key with 422", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "retrier", scopes: ["spend"], spend_limit: 10 });
    const headers = idempotent(randomUUID());
    const body = { session_id, amount: 4 };
    const first = await api("POST", "/api/v1/payments/authorize", { key, body, headers });
    const retry = await api("POST", "/api/v1/payments/authorize", { key, body, headers });
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.body).toEqual(first.body);
    expect(await getSession(key, session_id)).toMatchObject({ spent: 4 });
    expect(await allAuditEntries(key, { session_id, tool: "payments" })).toHaveLength(1);

    expectError(await api("POST", "/api/v1/payments/authorize", { key, body: { session_id, amount: 5 }, headers }), 422, "idempotency_key_reused");
    expect((await getSession(key, session_id)).spent).toBe(4);
  });

  it("replays a refusal to an Idempotency-Key retry too", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "retrier", scopes: ["spend"], spend_limit: 1 });
    const headers = idempotent(randomUUID());
    const first = await api("POST", "/api/v1/payments/authorize", { key, body: { session_id, amount: 2 }, headers });
    const retry = await api("POST", "/api/v1/payments/authorize", { key, body: { session_id, amount: 2 }, headers });
    expect(first.status).toBe(403);
    expect(retry.status).toBe(403);
    expect(retry.body).toEqual(first.body);
  });

  it("answers other methods with 405", async () => {
    const { key } = await seedWorkspace();
    expectError(await api("GET", "/api/v1/payments/authorize", { key }), 405, "method_not_allowed");
  });
});
