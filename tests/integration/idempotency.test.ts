// Idempotency-Key on POST: a retry with the same key and body replays the first response
// (without the secret it once contained), a different body is a 422, and concurrent
// duplicates never create two rows.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { api, createKey, seedWorkspace } from "../helpers/api";

const post = (key: string, idempotencyKey: string | null, body: unknown) =>
  api("POST", "/api/v1/keys", { key, body, headers: idempotencyKey ? { "idempotency-key": idempotencyKey } : {} });

async function keysNamed(key: string, name: string) {
  const res = await api("GET", "/api/v1/keys", { key });
  expect(res.status).toBe(200);
  return (res.body.keys as { name: string; key_id: string }[]).filter((k) => k.name === name);
}

describe("Idempotency-Key", () => {
  it("replays the first response for the same key and body without creating a second key", async () => {
    const { key } = await seedWorkspace(["keys:write"]);
    const idem = randomUUID();
    const body = { name: "retried", scopes: ["keys:read"] };
    const first = await post(key, idem, body);
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();

    const replay = await post(key, idem, body);
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body).toEqual({ ...first.body, key: null });
    expect(await keysNamed(key, "retried")).toHaveLength(1);
  });

  it("never returns the secret key in a replay", async () => {
    const { key } = await seedWorkspace(["keys:write"]);
    const idem = randomUUID();
    const body = { name: "secret", scopes: ["keys:read"] };
    const first = await post(key, idem, body);
    const secret = first.body.key as string;
    expect(secret).toMatch(/^wdn_/);
    for (let i = 0; i < 2; i++) {
      const replay = await post(key, idem, body);
      expect(replay.body.key).toBeNull();
      expect(JSON.stringify(replay.body)).not.toContain(secret);
    }
    // The key the first response returned is still the one and only key created.
    expect((await api("GET", "/api/v1/keys", { key: secret })).status).toBe(200);
  });

  it("answers the same key with a different body with 422 idempotency_key_reused", async () => {
    const { key } = await seedWorkspace(["keys:write"]);
    const idem = randomUUID();
    expect((await post(key, idem, { name: "first", scopes: ["keys:read"] })).status).toBe(201);
    const res = await post(key, idem, { name: "second", scopes: ["keys:read"] });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ error: expect.any(String), code: "idempotency_key_reused" });
    expect(await keysNamed(key, "second")).toHaveLength(0);
  });

  it("replays an error response as well as a success", async () => {
    const { key } = await seedWorkspace(["keys:write"]);
    const idem = randomUUID();
    const body = { name: "escalate", scopes: ["*"] };
    const first = await post(key, idem, body);
    expect(first.status).toBe(403);
    const replay = await post(key, idem, body);
    expect(replay.status).toBe(403);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body).toEqual(first.body);
  });

  it("does not record a request that failed validation, so a corrected retry can use the key", async () => {
    const { key } = await seedWorkspace(["keys:write"]);
    const idem = randomUUID();
    expect((await post(key, idem, { name: "", scopes: ["keys:read"] })).status).toBe(400);
    const corrected = await post(key, idem, { name: "fixed", scopes: ["keys:read"] });
    expect(corrected.status).toBe(201);
    expect(corrected.headers.get("idempotent-replayed")).toBeNull();
  });

  it("never replays one API key's response to another key of the same workspace", async () => {
    const { slug, key: first } = await seedWorkspace(["keys:write"]);
    const second = await createKey(slug, ["keys:write"]);
    const idem = randomUUID();
    const body = { name: "per-key", scopes: ["keys:read"] };
    const a = await post(first, idem, body);
    const b = await post(second, idem, body);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers.get("idempotent-replayed")).toBeNull();
    expect(b.body.key_id).not.toBe(a.body.key_id);
  });

  it("creates a new key for each request without an Idempotency-Key", async () => {
    const { key } = await seedWorkspace(["keys:write"]);
    const body = { name: "plain", scopes: ["keys:read"] };
    expect((await post(key, null, body)).status).toBe(201);
    expect((await post(key, null, body)).status).toBe(201);
    expect(await keysNamed(key, "plain")).toHaveLength(2);
  });

  it("never creates two keys for concurrent duplicates", async () => {
    const { key } = await seedWorkspace(["keys:write"]);
    const idem = randomUUID();
    const body = { name: "raced", scopes: ["keys:read"] };
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(key, idem, body)));

    for (const res of responses) expect([201, 409], JSON.stringify(res.body)).toContain(res.status);
    const originals = responses.filter((r) => r.status === 201 && r.headers.get("idempotent-replayed") === null);
    expect(originals).toHaveLength(1);
    const keyId = originals[0]!.body.key_id;
    for (const res of responses) {
      if (res.status === 201) expect(res.body.key_id).toBe(keyId);
      if (res.status === 409) expect(res.body).toEqual({ error: expect.any(String), code: "idempotency_in_progress" });
    }
    expect((await keysNamed(key, "raced")).map((k) => k.key_id)).toEqual([keyId]);

    // Once the first has finished, a retry replays it.
    const later = await post(key, idem, body);
    expect(later.status).toBe(201);
    expect(later.body.key_id).toBe(keyId);
    expect(later.body.key).toBeNull();
  });
});
