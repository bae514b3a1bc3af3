// The TypeScript SDK (sdk/typescript) against the real server: every WardenClient method, and the
// typed error each kind of refusal becomes. Retries: sdk-typescript-retries.test.ts; policies,
// approvals and governed tools: sdk-typescript-governance.test.ts.
import { inspect } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { AuthError, NotFoundError, PermissionError, ValidationError, WardenClient } from "@/sdk/typescript/src/index";
import { createKey, seedWorkspace } from "../helpers/api";
import { sdkClient, rejectionOf } from "../helpers/sdk";

let slug: string;
let client: WardenClient;

beforeAll(async () => {
  const workspace = await seedWorkspace();
  slug = workspace.slug;
  client = sdkClient(workspace.key);
});

describe("WardenClient sessions and payments", () => {
  it("creates a session from camelCase parameters, reads it, and revokes it for the very next call", async () => {
    const session = await client.createSession({ agentId: "sdk-agent", scopes: ["read", "spend"], spendLimit: 100, ttl: 600 });
    expect(session).toMatchObject({ session_id: expect.stringMatching(/^ses_/), agent_id: "sdk-agent", scopes: ["read", "spend"], spend_limit: 100, ttl: 600 });
    expect(await client.getSession(session.session_id)).toMatchObject({ spent: 0, remaining_budget: 100, is_valid: true, revoked_at: null });
    expect(await client.revokeSession(session.session_id)).toEqual({ revoked: true, session_id: session.session_id });
    expect((await client.getSession(session.session_id)).is_valid).toBe(false);
    expect((await client.checkPermission(session.session_id, "read")).allowed).toBe(false);
  });

  it("checks permissions: a held scope is allowed, another is not, an unknown session is not", async () => {
    const { session_id } = await client.createSession({ agentId: "checker", scopes: ["read"] });
    expect(await client.checkPermission(session_id, "read")).toMatchObject({ allowed: true, session_id, scope: "read" });
    expect(await client.checkPermission(session_id, "write")).toMatchObject({ allowed: false, scope: "write" });
    expect((await client.checkPermission("ses_unknown", "read")).allowed).toBe(false);
  });

  it("authorizes a payment within the budget and raises PermissionError with the budget's code beyond it", async () => {
    const { session_id } = await client.createSession({ agentId: "payer", scopes: ["spend"], spendLimit: 10 });
    const paid = await client.authorizePayment({ sessionId: session_id, amount: 7.5, description: "api credits" });
    expect(paid).toMatchObject({ pending: false, authorized: true, authorization_id: expect.stringMatching(/^auth_/), amount: 7.5, remaining_budget: 2.5 });
    const refused = await rejectionOf(client.authorizePayment({ sessionId: session_id, amount: 5 }));
    expect(refused).toBeInstanceOf(PermissionError);
    expect(refused).toMatchObject({ status: 403, body: { authorized: false }, requestId: expect.any(String) });
    expect((await client.getSession(session_id)).spent).toBe(7.5);
  });
});

describe("WardenClient audit trail", () => {
  it("logs actions with cost, reads them back filtered by session, and sums spend by tool apart from payments", async () => {
    const { session_id } = await client.createSession({ agentId: "logger", scopes: ["spend"], spendLimit: 50 });
    const logged = await client.logAction({ sessionId: session_id, action: "search", tool: "web", costUsd: 0.25, details: { query: "warden" } });
    expect(logged).toMatchObject({ logged: true, entry_id: expect.stringMatching(/^aud_/), flagged: false });
    await client.logAction({ sessionId: session_id, action: "summarize", tool: "llm", costUsd: 1.5 });
    await client.authorizePayment({ sessionId: session_id, amount: 4 });

    const trail = await client.getAuditTrail({ sessionId: session_id, tool: "web", limit: 10 });
    expect(trail.count).toBe(1);
    expect(trail.entries[0]).toMatchObject({ entry_id: logged.entry_id, action: "search", tool: "web", cost_usd: 0.25, details: { query: "warden" } });
    // Three actions: the session's creation is on the trail too, at no cost.
    expect(await client.getSpend({ sessionId: session_id })).toMatchObject({ total_usd: 1.75, action_count: 3, by_tool: { web: 0.25, llm: 1.5 }, payments_usd: 4, payment_count: 1 });
  });

  it("pages the trail with its cursor, newest first", async () => {
    const { session_id } = await client.createSession({ agentId: "pager" });
    for (const action of ["first", "second", "third"]) await client.logAction({ sessionId: session_id, action });
    const page = await client.getAuditTrail({ sessionId: session_id, limit: 2 });
    expect(page.entries.map((entry) => entry.action)).toEqual(["third", "second"]);
    const rest = await client.getAuditTrail({ sessionId: session_id, limit: 2, cursor: page.next_cursor! });
    expect(rest.entries.map((entry) => entry.action)).toEqual(["first", "session.created"]);
  });

  it("verifies the workspace's whole chain", async () => {
    const verification = await client.verifyAudit();
    expect(verification).toMatchObject({ verified: true, entries_checked: expect.any(Number) });
    expect(verification.entries_checked).toBeGreaterThan(0);
  });
});

describe("WardenClient vault", () => {
  it("stores versions, lists names only, reads the newest value through a session, and deletes", async () => {
    const { session_id } = await client.createSession({ agentId: "vault-user", scopes: ["read"] });
    expect(await client.storeSecret({ name: "stripe_key", value: "sk_live_first" })).toEqual({ stored: true, name: "stripe_key", version: 1 });
    expect((await client.storeSecret({ name: "stripe_key", value: "sk_live_second" })).version).toBe(2);
    expect(await client.listSecrets()).toContain("stripe_key");
    expect(await client.getSecret("stripe_key", session_id)).toBe("sk_live_second");
    expect(await client.deleteSecret("stripe_key")).toEqual({ deleted: true, name: "stripe_key" });
    await expect(client.getSecret("stripe_key", session_id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("raises PermissionError for a session lacking the secret's scope, without the value in the message", async () => {
    const { session_id } = await client.createSession({ agentId: "vault-reader", scopes: ["read"] });
    await client.storeSecret({ name: "admin_token", value: "tok_very_secret_value", scopeRequired: "admin" });
    const error = await rejectionOf<Error>(client.getSecret("admin_token", session_id));
    expect(error).toBeInstanceOf(PermissionError);
    expect(error.message).toContain("Session lacks 'admin' scope for secret 'admin_token'");
    expect(`${error.message} ${inspect(error)}`).not.toContain("tok_very_secret_value");
  });
});

describe("WardenClient errors", () => {
  it("raises AuthError for an unknown key, and neither the error nor the client shows the key", async () => {
    const apiKey = "wdn_this_key_does_not_exist_0123456789";
    const stranger = sdkClient(apiKey);
    const error = await rejectionOf<AuthError>(stranger.listSecrets());
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ status: 401, code: "unauthorized", requestId: expect.any(String) });
    expect(`${error.message} ${inspect(error)} ${inspect(stranger)} ${JSON.stringify(stranger)}`).not.toContain(apiKey);
  });

  it("raises PermissionError with code insufficient_scope when the key lacks the route's scope", async () => {
    const readOnly = sdkClient(await createKey(slug, ["audit:read"]));
    const error = await rejectionOf(readOnly.createSession({ agentId: "nope" }));
    expect(error).toBeInstanceOf(PermissionError);
    expect(error).toMatchObject({ status: 403, code: "insufficient_scope", body: { required: "sessions:write" } });
  });

  it("raises NotFoundError for an unknown session", async () => {
    await expect(client.getSession("ses_0000000000000000")).rejects.toMatchObject({ name: "NotFoundError", status: 404, code: "not_found" });
  });

  it("raises ValidationError naming the field and the reason for bad input", async () => {
    const error = await rejectionOf<ValidationError>(client.createSession({ agentId: "x", ttl: -5 }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 400, code: "invalid_request", field: "ttl" });
    expect(error.reason).toEqual(expect.any(String));
  });

  it("refuses a client without an API key or with a base URL that is not http(s)", () => {
    expect(() => new WardenClient({ apiKey: "", baseUrl: "http://localhost:3000/api" })).toThrow(/needs an apiKey/);
    expect(() => new WardenClient({ apiKey: "k", baseUrl: "localhost:3000" })).toThrow(/must be an http\(s\) URL/);
    expect(() => new WardenClient({ apiKey: "k", maxRetries: -1 })).toThrow(/maxRetries/);
  });

  it("refuses an empty id before sending anything", async () => {
    await expect(client.getSession("")).rejects.toThrow("id must be a non-empty string");
    await expect(client.getSecret("", "ses_x")).rejects.toThrow("name must be a non-empty string");
  });
});
