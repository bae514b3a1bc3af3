// Policies as code over real HTTP (JSON and YAML, drafts, publish, rollback, versions) and
// POST /api/v1/evaluate with its receipts, including conversational persuasion: the executing
// agent's policy decides, whoever suggested the action.
import { describe, expect, it } from "vitest";
import { api, createKey, seedWorkspace } from "../helpers/api";
import { allAuditEntries, createSession, expectError, expectInsufficientScope, expectInvalid, expectNotFound, expectUnauthorized } from "../helpers/governance";

const createPolicy = (key: string, body: unknown) => api("POST", "/api/v1/policies", { key, body });
const createYaml = (key: string, yaml: string) =>
  api("POST", "/api/v1/policies", { key, rawBody: yaml, headers: { "content-type": "application/yaml" } });
const publish = (key: string, id: string, body: Record<string, unknown> = {}) => api("POST", `/api/v1/policies/${id}/publish`, { key, body });
const evaluate = (key: string, body: Record<string, unknown>) => api("POST", "/api/v1/evaluate", { key, body });

const NO_DELETES = {
  name: "engineer: no deletes on transactions",
  target: { kind: "agent", agent_id: "engineer" },
  default: "ALLOW",
  rules: [
    {
      id: "no-delete-transactions",
      kinds: ["tool_call"],
      tools: ["db.*"],
      when: [{ path: "operation", op: "equals", value: "delete" }, { path: "table", op: "equals", value: "transactions" }],
      effect: "BLOCK",
      reason: { code: "DESTRUCTIVE_WRITE", message: "Deleting rows from transactions is not allowed" },
    },
  ],
};

describe("policies API", () => {
  it("creates a policy from JSON as a draft, publishes versions and rolls back as a new version", async () => {
    const { key } = await seedWorkspace();
    const created = await createPolicy(key, NO_DELETES);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: NO_DELETES.name, published_version: null, published: null, draft_differs: true, draft: { default: "ALLOW" } });
    const id = created.body.policy_id as string;
    expect(id).toMatch(/^pol_/);

    expect((await publish(key, id)).body).toEqual({ published: true, policy_id: id, version: 1 });
    const stricter = { ...NO_DELETES, default: "BLOCK" };
    expect((await api("PUT", `/api/v1/policies/${id}`, { key, body: stricter })).body).toMatchObject({ published_version: 1, draft_differs: true });
    expect((await publish(key, id)).body.version).toBe(2);
    expect((await api("GET", `/api/v1/policies/${id}`, { key })).body).toMatchObject({ published_version: 2, published: { default: "BLOCK" }, draft_differs: false });

    expect((await publish(key, id, { version: 1 })).body.version).toBe(3);
    const afterRollback = await api("GET", `/api/v1/policies/${id}`, { key });
    expect(afterRollback.body).toMatchObject({ published_version: 3, published: { default: "ALLOW" }, draft: { default: "ALLOW" } });
    const versions = await api("GET", `/api/v1/policies/${id}/versions`, { key });
    expect(versions.body.versions.map((v: { version: number; in_force: boolean; document: { default: string } }) => [v.version, v.in_force, v.document.default])).toEqual([
      [3, true, "ALLOW"],
      [2, false, "BLOCK"],
      [1, false, "ALLOW"],
    ]);
    const list = await api("GET", "/api/v1/policies", { key });
    expect(list.body).toMatchObject({ count: 1, policies: [{ policy_id: id, published_version: 3 }] });
    const trail = (await allAuditEntries(key)).filter((e) => e.tool === "policies").map((e) => e.action).reverse();
    expect(trail).toEqual(["policy.created", "policy.published", "policy.draft_saved", "policy.published", "policy.rolled_back"]);
  });

  it("accepts YAML, and names the line of malformed YAML", async () => {
    const { key } = await seedWorkspace();
    const yaml = `name: balanced payments
default: ALLOW
payments:
  max_single: 100
  escalate_above: 50
  allowed_currencies: [USD]
rules:
  - id: log-llm
    kinds: [llm_call]
    effect: LOG
`;
    const res = await createYaml(key, yaml);
    expect(res.status).toBe(201);
    expect(res.body.draft).toMatchObject({ name: "balanced payments", payments: { max_single: 100 }, rules: [{ id: "log-llm", effect: "LOG" }] });
    const bad = await createYaml(key, "name: x\nrules: [\n  - id: a\n");
    expectInvalid(bad, "body");
    expect(bad.body.error).toMatch(/Malformed YAML body at line \d+/);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a missing name", { rules: [] }, "name"],
    ["an unknown effect", { name: "p", rules: [{ id: "r", effect: "MAYBE" }] }, "rules.0.effect"],
    ["an invalid regex", { name: "p", rules: [{ id: "r", effect: "BLOCK", when: [{ path: "url", op: "regex", value: "(" }] }] }, "rules.0.when.0.value"],
    ["CONSTRAIN without a constraint", { name: "p", rules: [{ id: "r", effect: "CONSTRAIN" }] }, "rules.0.constraint"],
    ["a duplicate rule id", { name: "p", rules: [{ id: "r", effect: "BLOCK" }, { id: "r", effect: "LOG" }] }, "rules.1.id"],
    ["an agent target without agent_id", { name: "p", target: { kind: "agent" } }, "target.agent_id"],
    ["an unknown time zone", { name: "p", payments: { operating_hours: { start: "09:00", end: "17:00", time_zone: "Nowhere/City" } } }, "payments.operating_hours.time_zone"],
  ])("answers %s with 400 naming the field", async (_case, body, field) => {
    const { key } = await seedWorkspace();
    expectInvalid(await createPolicy(key, body), field);
  });

  it("refuses a second policy with the same name (409), unknown ids and other workspaces' policies (404), and keys without the scope", async () => {
    const { slug, key } = await seedWorkspace();
    const id = (await createPolicy(key, NO_DELETES)).body.policy_id as string;
    expectError(await createPolicy(key, NO_DELETES), 409, "conflict");
    expectNotFound(await api("GET", "/api/v1/policies/pol_01JD0000000000000000000000", { key }));
    expectNotFound(await publish(key, id, { version: 9 }));
    const other = await seedWorkspace();
    expectNotFound(await api("GET", `/api/v1/policies/${id}`, { key: other.key }));
    expectNotFound(await publish(other.key, id));
    const reader = await createKey(slug, ["policies:read"]);
    expect((await api("GET", `/api/v1/policies/${id}`, { key: reader })).status).toBe(200);
    expectInsufficientScope(await createPolicy(reader, { name: "x" }), "policies:write");
    expectInsufficientScope(await publish(reader, id), "policies:write");
    expectInvalid(await api("GET", "/api/v1/policies/not-a-policy", { key }), "id");
  });
});

describe("POST /api/v1/evaluate", () => {
  it("allows everything while no policy is in force; a draft is not in force until published", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "engineer" });
    const action = { session_id, kind: "tool_call", tool: "db.sql", action: "delete rows", params: { operation: "delete", table: "transactions" } };
    expect((await evaluate(key, action)).body).toMatchObject({ decision: "ALLOW", reasons: [{ code: "NO_POLICY" }] });
    const id = (await createPolicy(key, NO_DELETES)).body.policy_id as string;
    expect((await evaluate(key, action)).body.decision).toBe("ALLOW");
    await publish(key, id);
    expect((await evaluate(key, action)).body).toMatchObject({
      decision: "BLOCK",
      reasons: [{ code: "DESTRUCTIVE_WRITE", message: "Deleting rows from transactions is not allowed", rule_id: "no-delete-transactions" }],
    });
  });

  it("blocks a delete an analyst talked the engineer into, and the receipt names both agents (conversational persuasion)", async () => {
    const { key } = await seedWorkspace();
    await publish(key, (await createPolicy(key, NO_DELETES)).body.policy_id as string);
    const engineer = await createSession(key, { agent_id: "engineer", scopes: ["read", "write", "execute"] });
    await createSession(key, { agent_id: "analyst", scopes: ["read"] });
    const persuaded = {
      session_id: engineer.session_id,
      kind: "tool_call",
      tool: "db.sql",
      action: "DELETE FROM transactions WHERE flagged",
      params: { operation: "delete", table: "transactions" },
      suggested_by: "analyst",
      conversation: { group: "finance-cleanup", turn: 7, message: "analyst: please clean up the flagged transactions" },
    };
    const res = await evaluate(key, persuaded);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ decision: "BLOCK", reasons: [{ code: "DESTRUCTIVE_WRITE" }], receipt_id: expect.stringMatching(/^aud_/) });
    const alone = await evaluate(key, { ...persuaded, suggested_by: undefined, conversation: undefined });
    expect(alone.body.decision).toBe("BLOCK"); // the suggester changes nothing
    const fromOperator = await evaluate(key, { ...persuaded, suggested_by: "admin-bot" });
    expect(fromOperator.body.decision).toBe("BLOCK");

    const receipt = (await allAuditEntries(key)).find((e) => e.entry_id === res.body.receipt_id)!;
    expect(receipt).toMatchObject({
      action: "policy.evaluated",
      agent_id: "engineer",
      suggested_by: "analyst",
      session_id: engineer.session_id,
      decision: "BLOCK",
      flagged: true,
      details: {
        executor: "engineer",
        suggested_by: "analyst",
        conversation: persuaded.conversation,
        policy_versions: [{ policy_id: expect.stringMatching(/^pol_/), version: 1 }],
        matched: [{ rule_id: "no-delete-transactions", code: "DESTRUCTIVE_WRITE", effect: "BLOCK" }],
        input_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
    // The same action, policy version and counters hash the same, whoever suggested it.
    const receipts = (await allAuditEntries(key)).filter((e) => e.action === "policy.evaluated");
    expect(new Set(receipts.map((e) => e.details.input_hash)).size).toBe(1);
  });

  it("lets the analyst's read through while the same policy blocks the engineer's delete", async () => {
    const { key } = await seedWorkspace();
    await publish(key, (await createPolicy(key, NO_DELETES)).body.policy_id as string);
    const analyst = await createSession(key, { agent_id: "analyst", scopes: ["read"] });
    const read = await evaluate(key, { session_id: analyst.session_id, kind: "tool_call", tool: "db.sql", action: "select", params: { operation: "select", table: "transactions" } });
    expect(read.body.decision).toBe("ALLOW");
  });

  it("constrains parameters and reports the constrained values", async () => {
    const { key } = await seedWorkspace();
    const policy = { name: "cap", default: "ALLOW", rules: [{ id: "cap-llm", kinds: ["llm_call"], effect: "CONSTRAIN", constraint: { cap: [{ path: "max_tokens", max: 1000 }], redact: ["api_key"] } }] };
    await publish(key, (await createPolicy(key, policy)).body.policy_id as string);
    const { session_id } = await createSession(key, { agent_id: "writer" });
    const res = await evaluate(key, { session_id, kind: "llm_call", tool: "openai", action: "complete", params: { max_tokens: 4000, api_key: "sk-x", prompt: "hi" } });
    expect(res.body).toMatchObject({ decision: "CONSTRAIN", constraint: { cap: [{ path: "max_tokens", max: 1000 }], redact: ["api_key"] }, constrained_params: { max_tokens: 1000, api_key: "[REDACTED]", prompt: "hi" } });
  });

  it("answers 401 for a dead session, 400 naming bad fields, 403 without sessions:write", async () => {
    const { slug, key } = await seedWorkspace();
    expectUnauthorized(await evaluate(key, { session_id: "ses_01JD0000000000000000000000", kind: "tool_call", action: "x" }));
    const { session_id } = await createSession(key, { agent_id: "a" });
    expectInvalid(await evaluate(key, { session_id, kind: "teleport", action: "x" }), "kind");
    expectInvalid(await evaluate(key, { session_id, kind: "tool_call" }), "action");
    expectInvalid(await evaluate(key, { session_id, kind: "tool_call", action: "x", params: [1] }), "params");
    expectInvalid(await evaluate(key, { session_id, kind: "tool_call", action: "x", extra: 1 }), "extra");
    expectInsufficientScope(await evaluate(await createKey(slug, ["sessions:read"]), { session_id, kind: "tool_call", action: "x" }), "sessions:write");
  });
});

describe("POST /api/v1/policies/:id/simulate", () => {
  it("reports exactly the past actions a stricter draft would have blocked, with counts per outcome", async () => {
    const { key } = await seedWorkspace();
    const doc = { name: "spend", default: "ALLOW", payments: { max_single: 100 } };
    const id = (await createPolicy(key, doc)).body.policy_id as string;
    await publish(key, id);
    const { session_id } = await createSession(key, { agent_id: "buyer", scopes: ["spend"] });
    const paid: Record<number, string> = {};
    for (const amount of [10, 30, 60, 80]) {
      const res = await api("POST", "/api/v1/payments/authorize", { key, body: { session_id, amount, recipient: `v${amount}@shop.com` } });
      expect(res.status).toBe(200);
      paid[amount] = res.body.authorization_id as string;
    }
    await api("POST", "/api/v1/audit", { key, body: { session_id, action: "read report", tool: "files" } });
    await api("PUT", `/api/v1/policies/${id}`, { key, body: { ...doc, payments: { max_single: 50 } } });

    const res = await api("POST", `/api/v1/policies/${id}/simulate`, { key, body: { limit: 100 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ policy_id: id, replayed: 5, changed: 2 });
    expect(res.body.before).toMatchObject({ ALLOW: 5, BLOCK: 0 });
    expect(res.body.after).toMatchObject({ ALLOW: 3, BLOCK: 2 });
    const changes = res.body.changes as { kind: string; before: string; after: string; reasons: { code: string }[]; action: string }[];
    expect(changes.map((c) => [c.kind, c.before, c.after, c.reasons[0]!.code])).toEqual([
      ["payment", "ALLOW", "BLOCK", "EXCEEDS_SINGLE_LIMIT"],
      ["payment", "ALLOW", "BLOCK", "EXCEEDS_SINGLE_LIMIT"],
    ]);
    // The published version is untouched by a simulation.
    expect((await api("GET", `/api/v1/policies/${id}`, { key })).body).toMatchObject({ published_version: 1, published: { payments: { max_single: 100 } } });
    expectInvalid(await api("POST", `/api/v1/policies/${id}/simulate`, { key, body: { limit: 10_001 } }), "limit");
  });
});
