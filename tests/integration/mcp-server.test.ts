// Warden as an MCP server, driven by the MCP SDK's own client over Streamable HTTP against the
// real server's /api/mcp: the six governance tools, their refusals as tool errors, the key's
// scopes per tool, budgets under concurrent MCP payments, approvals decided over REST, the vault.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { api, baseUrl, createKey, seedWorkspace } from "../helpers/api";
import { allAuditEntries, atOnce, createSession, getSession, revokeSession, sleep, verify } from "../helpers/governance";
import { callTool, connectMcp, mcpUrl } from "../helpers/mcp";

const TOOLS = ["authorize_payment", "check_permission", "evaluate_code", "log_action", "read_secret", "request_approval"];
const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

/** A workspace with an admin key for REST set-up and an MCP client whose key holds the given scopes. */
async function agent(scopes: string[] = ["*"]) {
  const { slug, key } = await seedWorkspace();
  const client = await connectMcp(await createKey(slug, scopes));
  clients.push(client);
  return { slug, admin: key, client };
}

describe("connecting to /api/mcp", () => {
  it("lists the six governance tools with their input schemas", async () => {
    const { client } = await agent();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOLS);
    const payment = tools.find((t) => t.name === "authorize_payment")!;
    expect(payment.inputSchema).toMatchObject({ type: "object", required: expect.arrayContaining(["session_id", "amount"]) });
    expect(Object.keys(payment.inputSchema.properties!)).toEqual(expect.arrayContaining(["currency", "description", "recipient", "approval_id"]));
    const approval = tools.find((t) => t.name === "request_approval")!;
    expect(approval.inputSchema.properties!.wait_seconds).toMatchObject({ type: "integer", minimum: 0, maximum: 300 });
  });

  it("is listed on the API page with each tool and its scope", async () => {
    const html = await (await fetch(`${baseUrl()}/api-docs`)).text();
    expect(html).toContain("POST /api/mcp");
    for (const name of TOOLS) expect(html).toContain(name);
    expect(html).toContain("approvals:write");
  });

  it("accepts the key in X-API-Key, as the REST routes do", async () => {
    const { key } = await seedWorkspace(["sessions:write"]);
    const client = await connectMcp(key, "x-api-key");
    clients.push(client);
    expect((await client.listTools()).tools).toHaveLength(6);
  });

  it("refuses a connection without an API key with 401 in the REST error shape", async () => {
    await expect(connectMcp(null)).rejects.toMatchObject({ code: 401, message: expect.stringContaining("Missing API key") });
    const raw = await fetch(mcpUrl(), { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toEqual({ code: "unauthorized", error: "Missing API key: send 'Authorization: Bearer <key>' or 'X-API-Key'" });
    await expect(connectMcp(`wdn_${"A".repeat(43)}`)).rejects.toMatchObject({ code: 401, message: expect.stringContaining("Invalid API key") });
  });

  it("refuses a tool call with invalid arguments, naming the field, before any domain call", async () => {
    const { admin, client } = await agent();
    const { session_id } = await createSession(admin, { agent_id: "a", scopes: ["spend"] });
    const result = await client.callTool({ name: "authorize_payment", arguments: { session_id, amount: -5 } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/amount/);
    expect((await getSession(admin, session_id)).spent).toBe(0);
  });

  it("refuses a body over 1 MiB (413) and a NUL in an argument (400) as the REST routes do", async () => {
    const { admin } = await agent();
    const post = (body: string) =>
      fetch(mcpUrl(), { method: "POST", headers: { authorization: `Bearer ${admin}`, "content-type": "application/json", accept: "application/json, text/event-stream" }, body });
    const call = (args: unknown) => JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "log_action", arguments: args } });
    const huge = await post(call({ session_id: "s", action: "x".repeat(1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ code: "payload_too_large" });
    const nul = await post(call({ session_id: "s", action: "a\u0000b" }));
    expect(nul.status).toBe(400);
    expect(await nul.json()).toMatchObject({ code: "invalid_request" });
  });

  it("answers a tool the key lacks the scope for with a tool error naming the scope", async () => {
    const { admin, client } = await agent(["audit:read"]);
    const { session_id } = await createSession(admin, { agent_id: "a", scopes: ["spend"] });
    const answer = await callTool(client, "authorize_payment", { session_id, amount: 1 });
    expect(answer).toEqual({ isError: true, body: expect.objectContaining({ code: "insufficient_scope", required: "payments:write" }) });
    expect(answer.body.error).toBe("This API key lacks the 'payments:write' scope");
    expect((await getSession(admin, session_id)).spent).toBe(0);
  });
});

describe("the governance tools", () => {
  it("check_permission: allowed for a scope the session holds, refused (audited) for one it lacks", async () => {
    const { admin: key, client } = await agent(["sessions:write"]);
    const { session_id } = await createSession(key, { agent_id: "checker", scopes: ["read"] });
    expect(await callTool(client, "check_permission", { session_id, scope: "read" })).toEqual({
      isError: false,
      body: { allowed: true, session_id, scope: "read", reason: "Session holds the 'read' scope" },
    });
    const denied = await callTool(client, "check_permission", { session_id, scope: "spend" });
    expect(denied.body).toMatchObject({ allowed: false, reason: "Session lacks the 'spend' scope" });
    const checks = (await allAuditEntries(key, { session_id })).filter((e) => e.action === "scope.check").reverse();
    expect(checks.map((e) => [e.details.scope, e.flagged])).toEqual([["read", false], ["spend", true]]);
  });

  it("authorize_payment: authorizes within budget and refuses beyond it with the budget's code", async () => {
    const { admin: key, client } = await agent();
    const { session_id } = await createSession(key, { agent_id: "buyer", scopes: ["spend"], spend_limit: 10 });
    const paid = await callTool(client, "authorize_payment", { session_id, amount: 7.5, recipient: "shop" });
    expect(paid).toMatchObject({ isError: false, body: { authorized: true, amount: 7.5, currency: "USD", remaining_budget: 2.5, recipient: "shop" } });
    const refused = await callTool(client, "authorize_payment", { session_id, amount: 3 });
    expect(refused).toEqual({ isError: true, body: expect.objectContaining({ authorized: false, code: "session_budget_exceeded" }) });
  });

  it("authorize_payment: a payment a policy escalates is pending, then authorized with the approved approval_id", async () => {
    const { slug, admin, client } = await agent(["payments:write"]);
    const policy = await api("POST", "/api/v1/policies", { key: admin, body: { name: "payments", default: "ALLOW", payments: { escalate_above: 50 } } });
    await api("POST", `/api/v1/policies/${policy.body.policy_id}/publish`, { key: admin, body: {} });
    const { session_id } = await createSession(admin, { agent_id: "buyer", scopes: ["spend"] });
    const pending = await callTool(client, "authorize_payment", { session_id, amount: 60 });
    expect(pending).toMatchObject({ isError: false, body: { authorized: false, status: "pending_approval", approval_id: expect.stringMatching(/^apr_/) } });
    const reviewer = await createKey(slug, ["approvals:decide"]);
    expect((await api("POST", `/api/v1/approvals/${pending.body.approval_id}/approve`, { key: reviewer, body: {} })).status).toBe(200);
    const paid = await callTool(client, "authorize_payment", { session_id, amount: 60, approval_id: pending.body.approval_id });
    expect(paid).toMatchObject({ isError: false, body: { authorized: true, amount: 60, approval_id: pending.body.approval_id } });
  });

  it("authorize_payment: 50 concurrent calls against a $20 limit authorize exactly 20 and never overspend", async () => {
    const { admin: key, client } = await agent();
    const { session_id } = await createSession(key, { agent_id: "stampede", scopes: ["spend"], spend_limit: 20 });
    const answers = await atOnce(50, () => callTool(client, "authorize_payment", { session_id, amount: 1 }));
    expect(answers.filter((a) => a.body.authorized === true)).toHaveLength(20);
    expect(answers.filter((a) => a.isError && a.body.code === "session_budget_exceeded")).toHaveLength(30);
    expect(await getSession(key, session_id)).toMatchObject({ spent: 20, remaining_budget: 0 });
    expect((await verify(key)).verified).toBe(true);
  });

  it("log_action: appends to the chain; a revoked session is refused as a tool error", async () => {
    const { admin: key, client } = await agent();
    const { session_id } = await createSession(key, { agent_id: "logger", scopes: ["read"] });
    const logged = await callTool(client, "log_action", { session_id, action: "search", tool: "web", cost_usd: 0.25, details: { q: "x" } });
    expect(logged).toMatchObject({ isError: false, body: { logged: true, entry_id: expect.stringMatching(/^aud_/), flagged: false } });
    const entry = (await allAuditEntries(key)).find((e) => e.entry_id === logged.body.entry_id);
    expect(entry).toMatchObject({ action: "search", tool: "web", cost_usd: 0.25, session_id });
    await revokeSession(key, session_id);
    const refused = await callTool(client, "log_action", { session_id, action: "search" });
    expect(refused).toEqual({ isError: true, body: expect.objectContaining({ code: "unauthorized", session_id }) });
    expect((await verify(key)).verified).toBe(true);
  });

  it("request_approval: waits for the decision and answers approved once a reviewer approves over REST", async () => {
    const { slug, admin, client } = await agent(["approvals:write"]);
    const reviewer = await createKey(slug, ["approvals:decide", "approvals:read"]);
    const { session_id } = await createSession(admin, { agent_id: "deployer", scopes: ["deploy"] });
    const waiting = callTool(client, "request_approval", { session_id, tool: "k8s", action: "deploy", reason: "release 2", wait_seconds: 60 });
    let pending = await api("GET", "/api/v1/approvals/pending", { key: reviewer });
    while (pending.body.count === 0) {
      await sleep(100);
      pending = await api("GET", "/api/v1/approvals/pending", { key: reviewer });
    }
    const id = pending.body.requests[0].request_id as string;
    expect((await api("POST", `/api/v1/approvals/${id}/approve`, { key: reviewer, body: { note: "go" } })).status).toBe(200);
    expect(await waiting).toMatchObject({ isError: false, body: { request_id: id, status: "approved", decision_note: "go", action: "deploy" } });
  });

  it("request_approval: without wait answers pending; an unknown session is a tool error", async () => {
    const { admin: key, client } = await agent();
    const { session_id } = await createSession(key, { agent_id: "deployer", scopes: ["deploy"] });
    const created = await callTool(client, "request_approval", { session_id, action: "deploy", reason: "now" });
    expect(created).toMatchObject({ isError: false, body: { request_id: expect.stringMatching(/^apr_/), status: "pending" } });
    const unknown = await callTool(client, "request_approval", { session_id: "ses_unknown", action: "deploy", reason: "now" });
    expect(unknown).toEqual({ isError: true, body: expect.objectContaining({ code: "unauthorized" }) });
  });

  it("read_secret: the value only to a session holding the secret's scope; reads and refusals audited without it", async () => {
    const { admin, client } = await agent(["vault:read"]);
    const value = `pw-${randomUUID()}`;
    expect((await api("POST", "/api/v1/secrets", { key: admin, body: { name: "db_password", value, scope_required: "db_write" } })).status).toBe(201);
    const reader = await createSession(admin, { agent_id: "reader", scopes: ["read"] });
    const writer = await createSession(admin, { agent_id: "writer", scopes: ["db_write"] });
    const denied = await callTool(client, "read_secret", { session_id: reader.session_id, name: "db_password" });
    expect(denied).toEqual({ isError: true, body: expect.objectContaining({ code: "forbidden", required: "db_write" }) });
    expect(JSON.stringify(denied)).not.toContain(value);
    expect(await callTool(client, "read_secret", { session_id: writer.session_id, name: "db_password" })).toEqual({ isError: false, body: { name: "db_password", value } });
    const missing = await callTool(client, "read_secret", { session_id: writer.session_id, name: "nope" });
    expect(missing).toEqual({ isError: true, body: expect.objectContaining({ code: "not_found" }) });
    const entries = (await allAuditEntries(admin)).filter((e) => e.tool === "vault" && e.action.startsWith("secret.read"));
    expect(entries.map((e) => [e.action, e.session_id]).reverse()).toEqual([
      ["secret.read_denied", reader.session_id],
      ["secret.read", writer.session_id],
    ]);
    expect(JSON.stringify(await allAuditEntries(admin))).not.toContain(value);
  });

  it("evaluate_code: decides on the code and records a receipt; a revoked session is a tool error", async () => {
    const { admin: key, client } = await agent(["sessions:write"]);
    const { session_id } = await createSession(key, { agent_id: "coder", scopes: ["exec"] });
    const decided = await callTool(client, "evaluate_code", { session_id, language: "python", code: "print(1 + 1)\n" });
    expect(decided).toMatchObject({ isError: false, body: { decision: "ALLOW", receipt_id: expect.stringMatching(/^aud_/), parsed: true } });
    await revokeSession(key, session_id);
    const refused = await callTool(client, "evaluate_code", { session_id, language: "bash", code: "ls" });
    expect(refused).toEqual({ isError: true, body: expect.objectContaining({ code: "unauthorized" }) });
  });
});
