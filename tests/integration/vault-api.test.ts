// The vault over real HTTP: storing versions, listing names, reading through a session that
// holds the secret's scope, deleting, every refusal with its documented status and message,
// the audit trail of it all, and the known plaintext never showing up where it must not.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, inject } from "vitest";
import { api, createKey, seedWorkspace } from "../helpers/api";
import { isPostgres } from "../helpers/databases";
import {
  allAuditEntries,
  createSession,
  expectError,
  expectInsufficientScope,
  expectInvalid,
  expectNotFound,
  expectUnauthorized,
  revokeSession,
  sleep,
} from "../helpers/governance";

const store = (key: string, body: Record<string, unknown>) => api("POST", "/api/v1/secrets", { key, body });
const read = (key: string, name: string, sessionId?: string, via: "header" | "query" = "header") =>
  via === "header"
    ? api("GET", `/api/v1/secrets/${encodeURIComponent(name)}`, { key, headers: sessionId ? { "x-session-id": sessionId } : {} })
    : api("GET", `/api/v1/secrets/${encodeURIComponent(name)}?session_id=${encodeURIComponent(sessionId ?? "")}`, { key });
const remove = (key: string, name: string) => api("DELETE", `/api/v1/secrets/${encodeURIComponent(name)}`, { key });

const plaintext = () => `PLAINTEXT-${randomBytes(12).toString("hex")}`;

async function vaultWorkspace() {
  const { slug, key } = await seedWorkspace();
  const { session_id } = await createSession(key, { agent_id: "researcher", scopes: ["read"] });
  return { slug, key, sessionId: session_id };
}

describe("POST /api/v1/secrets and GET /api/v1/secrets", () => {
  it("stores a secret as version 1, the same name again as version 2, and lists names only", async () => {
    const { key } = await vaultWorkspace();
    const first = plaintext();
    const res = await store(key, { name: "search_api_key", value: first });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ stored: true, name: "search_api_key", version: 1 });
    expect((await store(key, { name: "search_api_key", value: plaintext() })).body).toEqual({ stored: true, name: "search_api_key", version: 2 });
    await store(key, { name: "db_password", value: plaintext(), scope_required: "db_write" });
    const list = await api("GET", "/api/v1/secrets", { key });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ secrets: ["db_password", "search_api_key"], count: 2 });
    expect(JSON.stringify(list.body)).not.toContain("PLAINTEXT");
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a missing name", { value: "v" }, "name"],
    ["a name with spaces", { name: "my key", value: "v" }, "name"],
    ["a name with a slash", { name: "a/b", value: "v" }, "name"],
    ["a name over 128 characters", { name: "n".repeat(129), value: "v" }, "name"],
    ["a missing value", { name: "n" }, "value"],
    ["an empty value", { name: "n", value: "" }, "value"],
    ["a value that is not a string", { name: "n", value: 42 }, "value"],
    ["a value over 64 KiB", { name: "n", value: "v".repeat(65_537) }, "value"],
    ["a scope_required with spaces", { name: "n", value: "v", scope_required: "db write" }, "scope_required"],
    ["an unknown field", { name: "n", value: "v", owner: "me" }, "owner"],
  ])("answers %s with 400 naming the field", async (_case, body, field) => {
    const { key } = await vaultWorkspace();
    expectInvalid(await store(key, body), field);
  });

  it("needs vault:write to store and vault:read to list", async () => {
    const { slug, key } = await vaultWorkspace();
    const reader = await createKey(slug, ["vault:read"]);
    expectInsufficientScope(await store(reader, { name: "n", value: "v" }), "vault:write");
    expectInsufficientScope(await api("GET", "/api/v1/secrets", { key: await createKey(slug, ["audit:read"]) }), "vault:read");
    expectUnauthorized(await store("", { name: "n", value: "v" }));
    expect((await api("GET", "/api/v1/secrets", { key: reader })).status).toBe(200);
    expect((await store(key, { name: "n", value: "v" })).status).toBe(201);
  });
});

describe("GET /api/v1/secrets/:name", () => {
  it("returns the newest value to a session holding the scope, by header or query", async () => {
    const { key, sessionId } = await vaultWorkspace();
    await store(key, { name: "search_api_key", value: "old-value" });
    await store(key, { name: "search_api_key", value: "new-value" });
    const byHeader = await read(key, "search_api_key", sessionId);
    expect(byHeader.status).toBe(200);
    expect(byHeader.body).toEqual({ name: "search_api_key", value: "new-value" });
    expect((await read(key, "search_api_key", sessionId, "query")).body).toEqual({ name: "search_api_key", value: "new-value" });
  });

  it("keeps unicode values exactly", async () => {
    const { key, sessionId } = await vaultWorkspace();
    const value = "pässwörd — 日本語 😀 \"quoted\" \\ back\nline";
    await store(key, { name: "unicode", value });
    expect((await read(key, "unicode", sessionId)).body.value).toBe(value);
  });

  it("answers 400 without a session, naming session_id", async () => {
    const { key } = await vaultWorkspace();
    await store(key, { name: "s", value: "v" });
    expectInvalid(await read(key, "s"), "session_id");
  });

  it("answers 401 for an unknown, a revoked and an expired session", async () => {
    const { key } = await vaultWorkspace();
    await store(key, { name: "s", value: "v" });
    expectUnauthorized(await read(key, "s", "ses_01JD0000000000000000000000"));
    const revoked = await createSession(key, { agent_id: "a", scopes: ["read"] });
    await revokeSession(key, revoked.session_id);
    expectUnauthorized(await read(key, "s", revoked.session_id));
    const shortLived = await createSession(key, { agent_id: "a", scopes: ["read"], ttl: 1 });
    expect((await read(key, "s", shortLived.session_id)).status).toBe(200);
    await sleep(1_300);
    expectUnauthorized(await read(key, "s", shortLived.session_id));
  });

  it("answers 403 with the documented message when the session lacks the secret's scope", async () => {
    const { key, sessionId } = await vaultWorkspace();
    await store(key, { name: "db_password", value: "v", scope_required: "db_write" });
    const res = await read(key, "db_password", sessionId);
    expectError(res, 403, "forbidden");
    expect(res.body.error).toBe("Session lacks 'db_write' scope for secret 'db_password'");
    expect(JSON.stringify(res.body)).not.toContain('"v"');
  });

  it("answers 404 for an unknown secret, another workspace's secret and a deleted one", async () => {
    const mine = await vaultWorkspace();
    const theirs = await vaultWorkspace();
    await store(theirs.key, { name: "theirs", value: "v" });
    expectNotFound(await read(mine.key, "nothing-here", mine.sessionId));
    expectNotFound(await read(mine.key, "theirs", mine.sessionId));
    expectUnauthorized(await read(mine.key, "theirs", theirs.sessionId)); // nor is their session ours
    await store(mine.key, { name: "gone", value: "v" });
    expect((await remove(mine.key, "gone")).body).toEqual({ deleted: true, name: "gone" });
    expectNotFound(await read(mine.key, "gone", mine.sessionId));
    expectNotFound(await remove(mine.key, "gone"));
    expect((await api("GET", "/api/v1/secrets", { key: mine.key })).body).toEqual({ secrets: [], count: 0 });
  });

  it("revives a deleted name with its next version when it is stored again", async () => {
    const { key, sessionId } = await vaultWorkspace();
    await store(key, { name: "phoenix", value: "one" });
    await remove(key, "phoenix");
    expect((await store(key, { name: "phoenix", value: "two" })).body).toEqual({ stored: true, name: "phoenix", version: 2 });
    expect((await read(key, "phoenix", sessionId)).body.value).toBe("two");
  });

  it("needs vault:read to read and vault:write to delete", async () => {
    const { slug, key, sessionId } = await vaultWorkspace();
    await store(key, { name: "s", value: "v" });
    expectInsufficientScope(await read(await createKey(slug, ["sessions:read"]), "s", sessionId), "vault:read");
    expectInsufficientScope(await remove(await createKey(slug, ["vault:read"]), "s"), "vault:write");
  });

  it("lets a session with 'admin' read any secret", async () => {
    const { key } = await vaultWorkspace();
    await store(key, { name: "db_password", value: "root", scope_required: "db_write" });
    const admin = await createSession(key, { agent_id: "ops", scopes: ["admin"] });
    expect((await read(key, "db_password", admin.session_id)).body.value).toBe("root");
  });
});

describe("the CrewAI guide's vault scenario", () => {
  it("lets the researcher read search_api_key but not db_password or smtp_key", async () => {
    const { key } = await vaultWorkspace();
    await store(key, { name: "search_api_key", value: "serp-123", scope_required: "read" });
    await store(key, { name: "db_password", value: "hunter2", scope_required: "db_write" });
    await store(key, { name: "smtp_key", value: "smtp-456", scope_required: "send_email" });
    const researcher = await createSession(key, { agent_id: "researcher", scopes: ["read", "browse"] });
    expect((await read(key, "search_api_key", researcher.session_id)).body).toEqual({ name: "search_api_key", value: "serp-123" });
    expect((await read(key, "db_password", researcher.session_id)).body.error).toBe("Session lacks 'db_write' scope for secret 'db_password'");
    expect((await read(key, "smtp_key", researcher.session_id)).body.error).toBe("Session lacks 'send_email' scope for secret 'smtp_key'");
    const writer = await createSession(key, { agent_id: "writer", scopes: ["read", "send_email"] });
    expect((await read(key, "smtp_key", writer.session_id)).body.value).toBe("smtp-456");
  });
});

describe("the vault's audit trail", () => {
  it("records every store, read, denied read, scope change and delete with name and version, never the value", async () => {
    const { key, sessionId } = await vaultWorkspace();
    const values = [plaintext(), plaintext()];
    await store(key, { name: "api", value: values[0] });
    await store(key, { name: "api", value: values[1], scope_required: "vendor" });
    await read(key, "api", sessionId); // denied: the session holds only read
    const vendor = await createSession(key, { agent_id: "buyer", scopes: ["vendor"] });
    await read(key, "api", vendor.session_id);
    await remove(key, "api");
    const entries = (await allAuditEntries(key)).filter((e) => e.tool === "vault").reverse();
    expect(entries.map((e) => [e.action, e.details.name, e.details.version])).toEqual([
      ["secret.created", "api", 1],
      ["secret.version_created", "api", 2],
      ["secret.scope_changed", "api", 2],
      ["secret.read_denied", "api", 2],
      ["secret.read", "api", 2],
      ["secret.deleted", "api", 2],
    ]);
    expect(entries[3]).toMatchObject({ agent_id: "researcher", session_id: sessionId, decision: "BLOCK", flagged: true });
    expect(entries[4]).toMatchObject({ agent_id: "buyer", session_id: vendor.session_id, decision: "ALLOW", flagged: false });
    const everything = JSON.stringify(await allAuditEntries(key));
    for (const value of values) expect(everything).not.toContain(value);
  });
});

describe("where a secret's value must never appear", () => {
  it("is absent from every file of the data directory (the embedded database, its WAL) and from the server log", async () => {
    const { key, sessionId } = await vaultWorkspace();
    const value = plaintext();
    const name = `needle_${randomBytes(6).toString("hex")}`; // stored in clear: proves the scan sees the data
    expect((await store(key, { name, value })).status).toBe(201);
    expect((await read(key, name, sessionId)).body.value).toBe(value);
    await read(key, name, "ses_01JD0000000000000000000000");
    await sleep(500);
    const dataDir = inject("serverDataDir");
    const needles = [Buffer.from(value, "utf8"), Buffer.from(value, "utf16le"), Buffer.from(Buffer.from(value).toString("base64"))];
    let nameFound = false;
    for (const file of walk(dataDir)) {
      const bytes = fs.readFileSync(file);
      nameFound ||= bytes.includes(Buffer.from(name));
      for (const needle of needles) expect(bytes.includes(needle), `${file} holds the plaintext`).toBe(false);
    }
    // On PGlite the database lives in this directory; PostgreSQL's files are checked with pg_dump.
    if (!isPostgres()) expect(nameFound).toBe(true);
    expect(fs.readFileSync(path.join(dataDir, "server.log"), "utf8")).not.toContain(value);
  });
});

function* walk(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

describe("secret reads under a policy", () => {
  async function withPolicy(rules: Record<string, unknown>[]) {
    const w = await vaultWorkspace();
    const created = await api("POST", "/api/v1/policies", { key: w.key, body: { name: "vault", default: "ALLOW", rules } });
    await api("POST", `/api/v1/policies/${created.body.policy_id}/publish`, { key: w.key, body: {} });
    await store(w.key, { name: "prod_db", value: "prod-secret" });
    await store(w.key, { name: "search_api_key", value: "serp" });
    return w;
  }

  it("refuses a read a policy blocks, with the policy's reason", async () => {
    const w = await withPolicy([{ id: "no-prod", kinds: ["secret_read"], when: [{ path: "name", op: "regex", value: "^prod_" }], effect: "BLOCK", reason: { code: "PROD_SECRET", message: "Production secrets are off limits" } }]);
    const res = await read(w.key, "prod_db", w.sessionId);
    expectError(res, 403, "forbidden");
    expect(res.body).toMatchObject({ error: "Policy blocks reading secret 'prod_db': Production secrets are off limits", reason_code: "PROD_SECRET" });
    expect((await read(w.key, "search_api_key", w.sessionId)).body.value).toBe("serp");
  });

  it("escalates a read (202 with approval_id); once approved it succeeds once with that approval", async () => {
    const w = await withPolicy([{ id: "ask-prod", kinds: ["secret_read"], when: [{ path: "name", op: "regex", value: "^prod_" }], effect: "ESCALATE" }]);
    const escalated = await read(w.key, "prod_db", w.sessionId);
    expect(escalated.status).toBe(202);
    expect(escalated.body).toMatchObject({ name: "prod_db", status: "pending_approval", approval_id: expect.stringMatching(/^apr_/) });
    expect(escalated.body).not.toHaveProperty("value");
    const id = escalated.body.approval_id as string;
    const withApproval = () => api("GET", `/api/v1/secrets/prod_db?session_id=${w.sessionId}&approval_id=${id}`, { key: w.key });
    expectError(await withApproval(), 409, "conflict"); // still pending
    const reviewer = await createKey(w.slug, ["approvals:decide"]);
    await api("POST", `/api/v1/approvals/${id}/approve`, { key: reviewer, body: {} });
    expect((await withApproval()).body).toEqual({ name: "prod_db", value: "prod-secret" });
    expectError(await withApproval(), 409, "conflict"); // used
    expect((await read(w.key, "prod_db", w.sessionId)).status).toBe(202); // a new read asks again
  });
});
