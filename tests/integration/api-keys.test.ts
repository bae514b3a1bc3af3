// The API-key matrix over real HTTP against `next start`: authentication, scopes, delegation,
// tenancy, revocation, validation and request ids on /api/v1/keys.
import { describe, expect, it } from "vitest";
import { api, createKey, randomSlug, seedWorkspace } from "../helpers/api";

const UNAUTHORIZED = { code: "unauthorized", error: expect.any(String) };

async function listKeys(key: string) {
  const res = await api("GET", "/api/v1/keys", { key });
  expect(res.status).toBe(200);
  return res.body.keys as { key_id: string; name: string; prefix: string; scopes: string[]; expires_at: string | null }[];
}

async function waitUntilPast(iso: string): Promise<void> {
  const remaining = Date.parse(iso) - Date.now();
  if (remaining >= 0) await new Promise((resolve) => setTimeout(resolve, remaining + 5));
}

describe("API key authentication", () => {
  it("refuses a request without a key with 401 unauthorized", async () => {
    const res = await api("GET", "/api/v1/keys");
    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
  });

  it.each(["Basic x", "Bearer", "Bearer    ", "Token abc", "Bearer a b"])(
    "refuses the malformed Authorization header %j with 401",
    async (authorization) => {
      const res = await api("GET", "/api/v1/keys", { headers: { authorization } });
      expect(res.status).toBe(401);
      expect(res.body).toEqual(UNAUTHORIZED);
    },
  );

  it("refuses a valid key sent with a scheme other than Bearer", async () => {
    const { key } = await seedWorkspace(["keys:read"]);
    const res = await api("GET", "/api/v1/keys", { headers: { authorization: `Basic ${key}` } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
  });

  it("refuses a well-formed key that was never issued with 401", async () => {
    const res = await api("GET", "/api/v1/keys", { key: `wdn_${"A".repeat(43)}` });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
  });

  it("refuses a string that is not a key at all with 401", async () => {
    for (const key of ["wdn_", "not-a-key", `wdn_${"A".repeat(44)}`, `sk_${"A".repeat(43)}`]) {
      const res = await api("GET", "/api/v1/keys", { key });
      expect(res.status, key).toBe(401);
      expect(res.body).toEqual(UNAUTHORIZED);
    }
  });

  it("refuses a key that differs from an issued one in its last character", async () => {
    const { key } = await seedWorkspace(["keys:read"]);
    const altered = key.slice(0, -1) + (key.endsWith("A") ? "B" : "A");
    const res = await api("GET", "/api/v1/keys", { key: altered });
    expect(res.status).toBe(401);
  });

  it("accepts the key in X-API-Key exactly like a Bearer token", async () => {
    const { key } = await seedWorkspace(["keys:read"]);
    const viaHeader = await api("GET", "/api/v1/keys", { headers: { "x-api-key": key } });
    const viaBearer = await api("GET", "/api/v1/keys", { key });
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.body.keys.map((k: { key_id: string }) => k.key_id)).toEqual(
      viaBearer.body.keys.map((k: { key_id: string }) => k.key_id),
    );
  });

  it("refuses an unknown key in X-API-Key with 401", async () => {
    const res = await api("GET", "/api/v1/keys", { headers: { "x-api-key": `wdn_${"B".repeat(43)}` } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
  });

  it("refuses a revoked key with 401", async () => {
    const { slug, key: admin } = await seedWorkspace(["keys:write"]);
    const victim = await createKey(slug, ["keys:read"]);
    expect((await api("DELETE", `/api/v1/keys/${victim.slice(0, 12)}`, { key: admin })).status).toBe(200);
    const res = await api("GET", "/api/v1/keys", { key: victim });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: "unauthorized", error: expect.stringMatching(/revoked/) });
  });

  it("refuses an expired key with 401", async () => {
    const { slug } = await seedWorkspace();
    // Far enough ahead to pass the "must be in the future" check on arrival, then waited out.
    const expiresAt = new Date(Date.now() + 1_500).toISOString();
    const key = await createKey(slug, ["keys:read"], ["--expires-at", expiresAt]);
    await waitUntilPast(expiresAt);
    const res = await api("GET", "/api/v1/keys", { key });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: "unauthorized", error: expect.stringMatching(/expired/) });
  });

  it("accepts a key whose expiry is still ahead", async () => {
    const { slug } = await seedWorkspace();
    const key = await createKey(slug, ["keys:read"], ["--expires-at", new Date(Date.now() + 3_600_000).toISOString()]);
    expect((await api("GET", "/api/v1/keys", { key })).status).toBe(200);
  });
});

describe("API key scopes", () => {
  it("refuses a key whose scope lacks keys:write with 403 insufficient_scope", async () => {
    const { key } = await seedWorkspace(["keys:read"]);
    const res = await api("POST", "/api/v1/keys", { key, body: { name: "x", scopes: ["keys:read"] } });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      error: expect.any(String),
      code: "insufficient_scope",
      required: "keys:write",
      granted: ["keys:read"],
    });
  });

  it("refuses a key without any keys scope the list with 403 insufficient_scope", async () => {
    const { key } = await seedWorkspace(["audit:read", "sessions:*"]);
    const res = await api("GET", "/api/v1/keys", { key });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: "insufficient_scope", required: "keys:read", granted: ["audit:read", "sessions:*"] });
  });

  it("refuses revocation to a keys:read key with 403", async () => {
    const { slug, key } = await seedWorkspace(["keys:read"]);
    const other = await createKey(slug, ["keys:read"]);
    const res = await api("DELETE", `/api/v1/keys/${other.slice(0, 12)}`, { key });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: "insufficient_scope", required: "keys:write" });
    expect((await api("GET", "/api/v1/keys", { key: other })).status).toBe(200);
  });

  it("lets keys:write read the list (write implies read)", async () => {
    const { key } = await seedWorkspace(["keys:write"]);
    expect((await api("GET", "/api/v1/keys", { key })).status).toBe(200);
  });

  it.each([["keys:*"], ["*"]])("lets a %s key list and create keys", async (scope) => {
    const { key } = await seedWorkspace([scope]);
    expect((await api("GET", "/api/v1/keys", { key })).status).toBe(200);
    expect((await api("POST", "/api/v1/keys", { key, body: { name: "child", scopes: ["keys:read"] } })).status).toBe(201);
  });
});

describe("creating API keys", () => {
  it("creates a key that is shown once, listed without its secret, and authenticates", async () => {
    const { key: admin } = await seedWorkspace(["keys:write"]);
    const res = await api("POST", "/api/v1/keys", { key: admin, body: { name: "ci agent", scopes: ["keys:read"] } });
    expect(res.status).toBe(201);
    const created = res.body;
    expect(created).toMatchObject({ name: "ci agent", scopes: ["keys:read"], expires_at: null, revoked_at: null });
    expect(created.key_id).toMatch(/^key_[0-9A-Z]{26}$/);
    expect(created.key).toMatch(/^wdn_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.key.slice(0, 12));
    expect(new Date(created.created_at).toISOString()).toBe(created.created_at);

    const listed = (await listKeys(admin)).find((k) => k.key_id === created.key_id);
    expect(listed).toBeDefined();
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(listed).not.toHaveProperty("key");
    expect(listed).not.toHaveProperty("hash");

    expect((await api("GET", "/api/v1/keys", { key: created.key })).status).toBe(200);
  });

  it("stores the expiry as an ISO-8601 UTC timestamp", async () => {
    const { key } = await seedWorkspace(["keys:write"]);
    const res = await api("POST", "/api/v1/keys", {
      key,
      body: { name: "expiring", scopes: ["keys:read"], expires_at: "2099-01-01T01:00:00+01:00" },
    });
    expect(res.status).toBe(201);
    expect(res.body.expires_at).toBe("2099-01-01T00:00:00.000Z");
  });

  it("stores repeated scopes once", async () => {
    const { key } = await seedWorkspace(["keys:write"]);
    const res = await api("POST", "/api/v1/keys", { key, body: { name: "dup", scopes: ["keys:read", "keys:read"] } });
    expect(res.status).toBe(201);
    expect(res.body.scopes).toEqual(["keys:read"]);
  });

  it("does not let a key grant scopes it lacks", async () => {
    const { key } = await seedWorkspace(["keys:write"]);
    const before = (await listKeys(key)).length;
    for (const scopes of [["sessions:read"], ["*"], ["keys:*"], ["keys:read", "audit:write"]]) {
      const res = await api("POST", "/api/v1/keys", { key, body: { name: "escalation", scopes } });
      expect(res.status, scopes.join(",")).toBe(403);
      expect(res.body).toMatchObject({ code: "insufficient_scope", granted: ["keys:write"] });
      expect(res.body.required).toEqual(scopes.filter((s) => s !== "keys:read"));
    }
    expect(await listKeys(key)).toHaveLength(before);
  });

  it("lets a key grant the scopes it holds and those they imply", async () => {
    const { key } = await seedWorkspace(["keys:write", "audit:*"]);
    const res = await api("POST", "/api/v1/keys", {
      key,
      body: { name: "delegated", scopes: ["keys:write", "keys:read", "audit:*", "audit:read"] },
    });
    expect(res.status).toBe(201);
  });

  const invalidBodies: [string, Record<string, unknown>, string][] = [
    ["a missing name", { scopes: ["keys:read"] }, "name"],
    ["an empty name", { name: "   ", scopes: ["keys:read"] }, "name"],
    ["a name over 100 characters", { name: "n".repeat(101), scopes: ["keys:read"] }, "name"],
    ["a name that is not a string", { name: 42, scopes: ["keys:read"] }, "name"],
    ["missing scopes", { name: "k" }, "scopes"],
    ["an empty scope list", { name: "k", scopes: [] }, "scopes"],
    ["scopes that are not a list", { name: "k", scopes: "keys:read" }, "scopes"],
    ["an unknown scope", { name: "k", scopes: ["keys:read", "keys:admin"] }, "scopes.1"],
    ["more than 50 scopes", { name: "k", scopes: Array(51).fill("keys:read") }, "scopes"],
    ["an expiry that is not a date", { name: "k", scopes: ["keys:read"], expires_at: "tomorrow" }, "expires_at"],
    ["an expiry without a time zone", { name: "k", scopes: ["keys:read"], expires_at: "2099-01-01T00:00:00" }, "expires_at"],
    ["an expiry in the past", { name: "k", scopes: ["keys:read"], expires_at: "2020-01-01T00:00:00Z" }, "expires_at"],
    ["an impossible date", { name: "k", scopes: ["keys:read"], expires_at: "2099-02-30T00:00:00Z" }, "expires_at"],
    ["an expiry that is a number", { name: "k", scopes: ["keys:read"], expires_at: 4102444800 }, "expires_at"],
  ];

  it.each(invalidBodies)("refuses %s with 400 naming the field", async (_label, body, field) => {
    const { key } = await seedWorkspace(["keys:write"]);
    const res = await api("POST", "/api/v1/keys", { key, body });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: expect.any(String), code: "invalid_request", field, reason: expect.any(String) });
    expect(await listKeys(key)).toHaveLength(1);
  });

  it("refuses an unknown field with 400 naming it as the field", async () => {
    const { key } = await seedWorkspace(["keys:write"]);
    const res = await api("POST", "/api/v1/keys", { key, body: { name: "k", scopes: ["keys:read"], workspace_id: "wsp_x" } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "invalid_request", field: "workspace_id", reason: "is not a known field" });
  });

  it("checks the key before the body, so an unauthenticated invalid body is a 401", async () => {
    const res = await api("POST", "/api/v1/keys", { rawBody: "{nope", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(401);
  });
});

describe("workspace isolation", () => {
  it("does not show workspace B's keys to workspace A's key", async () => {
    const a = await seedWorkspace(["keys:read"]);
    const b = await seedWorkspace(["keys:read"]);
    const bPrefixes = (await listKeys(b.key)).map((k) => k.prefix);
    const aKeys = await listKeys(a.key);
    expect(aKeys.map((k) => k.prefix)).toEqual([a.key.slice(0, 12)]);
    for (const prefix of bPrefixes) expect(aKeys.map((k) => k.prefix)).not.toContain(prefix);
  });

  it("answers 404 when workspace A's key revokes workspace B's key, which keeps working", async () => {
    const a = await seedWorkspace(["keys:write"]);
    const b = await seedWorkspace(["keys:read"]);
    const res = await api("DELETE", `/api/v1/keys/${b.key.slice(0, 12)}`, { key: a.key });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: expect.any(String), code: "not_found" });
    expect((await api("GET", "/api/v1/keys", { key: b.key })).status).toBe(200);
  });

  it("answers the same 404 for another workspace's prefix as for a prefix that does not exist", async () => {
    const a = await seedWorkspace(["keys:write"]);
    const b = await seedWorkspace(["keys:read"]);
    const foreign = await api("DELETE", `/api/v1/keys/${b.key.slice(0, 12)}`, { key: a.key });
    const missing = await api("DELETE", "/api/v1/keys/wdn_zzzzzzzz", { key: a.key });
    expect(foreign.status).toBe(missing.status);
    expect(foreign.body.code).toBe(missing.body.code);
  });
});

describe("revoking API keys", () => {
  it("makes revocation effective on the very next call", async () => {
    const { slug, key: admin } = await seedWorkspace(["keys:write"]);
    const victim = await createKey(slug, ["keys:read"]);
    expect((await api("GET", "/api/v1/keys", { key: victim })).status).toBe(200);
    const res = await api("DELETE", `/api/v1/keys/${victim.slice(0, 12)}`, { key: admin });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ revoked: true, prefix: victim.slice(0, 12), revoked_at: expect.any(String) });
    expect(new Date(res.body.revoked_at).toISOString()).toBe(res.body.revoked_at);
    expect((await api("GET", "/api/v1/keys", { key: victim })).status).toBe(401);
  });

  it("lets a key revoke itself, after which it no longer authenticates", async () => {
    const { key } = await seedWorkspace(["keys:write"]);
    expect((await api("DELETE", `/api/v1/keys/${key.slice(0, 12)}`, { key })).status).toBe(200);
    expect((await api("GET", "/api/v1/keys", { key })).status).toBe(401);
  });

  it("drops a revoked key from the list and answers a repeated revocation with the same result", async () => {
    const { slug, key: admin } = await seedWorkspace(["keys:write"]);
    const victim = await createKey(slug, ["keys:read"]);
    const prefix = victim.slice(0, 12);
    const first = await api("DELETE", `/api/v1/keys/${prefix}`, { key: admin });
    const second = await api("DELETE", `/api/v1/keys/${prefix}`, { key: admin });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect((await listKeys(admin)).map((k) => k.prefix)).not.toContain(prefix);
  });

  it("answers 404 for a prefix no key has", async () => {
    const { key } = await seedWorkspace(["keys:write"]);
    const res = await api("DELETE", "/api/v1/keys/wdn_zzzzzzzz", { key });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("not_found");
  });

  it("refuses a malformed prefix with 400 naming the prefix", async () => {
    const { key } = await seedWorkspace(["keys:write"]);
    for (const prefix of ["abc", "wdn_short", `wdn_${"a".repeat(9)}`, "wdn_abc!defg"]) {
      const res = await api("DELETE", `/api/v1/keys/${encodeURIComponent(prefix)}`, { key });
      expect(res.status, prefix).toBe(400);
      expect(res.body).toMatchObject({ code: "invalid_request", field: "prefix" });
    }
  });
});

describe("request ids", () => {
  it("echoes the caller's X-Request-ID on success and on errors", async () => {
    const { key } = await seedWorkspace(["keys:read"]);
    const id = `trace-${randomSlug()}`;
    for (const [method, path, k] of [
      ["GET", "/api/v1/keys", key],
      ["GET", "/api/v1/keys", null],
      ["POST", "/api/v1/keys", key],
      ["GET", "/api/v1/unknown", null],
      ["PUT", "/api/v1/keys", key],
    ] as const) {
      const res = await api(method, path, { key: k, headers: { "x-request-id": id } });
      expect(res.headers.get("x-request-id"), `${method} ${path}`).toBe(id);
    }
  });

  it("sets a fresh X-Request-ID when the caller sends none", async () => {
    const { key } = await seedWorkspace(["keys:read"]);
    const first = await api("GET", "/api/v1/keys", { key });
    const second = await api("GET", "/api/v1/keys");
    const ids = [first.headers.get("x-request-id"), second.headers.get("x-request-id")];
    for (const id of ids) expect(id).toMatch(/^req_[0-9a-f]{32}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it("replaces an X-Request-ID that is unsafe to log instead of echoing it", async () => {
    for (const given of ["has spaces", "x".repeat(129), "<script>"]) {
      const res = await api("GET", "/api/v1/keys", { headers: { "x-request-id": given } });
      expect(res.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{32}$/);
    }
  });
});
