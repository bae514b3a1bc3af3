// Gateway providers and the price table over real HTTP: where each model's calls go, with the
// upstream key kept in the vault (never returned, never audited), and prices as money per
// million tokens. The test server runs with WARDEN_GATEWAY_ALLOW_PRIVATE (its fake upstreams are
// on 127.0.0.1); the refusal of private addresses is specified in tests/unit/gateway-provider-target.test.ts.
import { describe, expect, it } from "vitest";
import { api, createKey, seedWorkspace } from "../helpers/api";
import { allAuditEntries, expectError, expectInsufficientScope, expectInvalid, expectNotFound, expectUnauthorized } from "../helpers/governance";

const UPSTREAM_KEY = "sk-upstream-secret-value-0123456789";

const putProvider = (key: string, name: string, body: Record<string, unknown>) => api("PUT", `/api/v1/gateway/providers/${name}`, { key, body });
const putModel = (key: string, body: Record<string, unknown>) => api("PUT", "/api/v1/gateway/models", { key, body });

describe("PUT /api/v1/gateway/providers/{name}", () => {
  it("stores the upstream key in the vault under a scope agents' sessions lack, and never returns or audits it", async () => {
    const { key } = await seedWorkspace();
    const res = await putProvider(key, "openai", { base_url: "http://127.0.0.1:9/v1/", api_key: UPSTREAM_KEY });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: expect.stringMatching(/^gwp_/), name: "openai", base_url: "http://127.0.0.1:9/v1", has_api_key: true });
    const secrets = await api("GET", "/api/v1/secrets", { key });
    expect(secrets.body.secrets).toContain("GATEWAY_OPENAI");
    const session = (await api("POST", "/api/v1/sessions", { key, body: { agent_id: "a1", scopes: ["read", "gateway", "gateway:upstream", "vault"] } })).body;
    expectError(await api("GET", `/api/v1/secrets/GATEWAY_OPENAI?session_id=${session.session_id}`, { key }), 403, "forbidden");
    const list = await api("GET", "/api/v1/gateway/providers", { key });
    expect(list.body.providers).toEqual([expect.objectContaining({ name: "openai", has_api_key: true })]);
    const entries = await allAuditEntries(key);
    expect(entries.find((e) => e.action === "gateway.provider_saved")).toMatchObject({ details: { name: "openai", has_api_key: true } });
    expect(JSON.stringify([res.body, list.body, entries])).not.toContain(UPSTREAM_KEY);
  });

  it("keeps the key when api_key is omitted, removes it on null, and strips /chat/completions from base_url", async () => {
    const { key } = await seedWorkspace();
    await putProvider(key, "local", { base_url: "http://127.0.0.1:9/v1", api_key: UPSTREAM_KEY });
    const kept = await putProvider(key, "local", { base_url: "http://127.0.0.1:9/v2/chat/completions" });
    expect(kept.body).toMatchObject({ base_url: "http://127.0.0.1:9/v2", has_api_key: true });
    expect((await putProvider(key, "local", { base_url: "http://127.0.0.1:9/v2", api_key: null })).body.has_api_key).toBe(false);
    expect((await api("GET", "/api/v1/secrets", { key })).body.secrets).not.toContain("GATEWAY_LOCAL");
  });

  it.each<[string, string, Record<string, unknown>]>([
    ["name", "Has-Upper", { base_url: "http://127.0.0.1:9/v1" }],
    ["base_url", "p", { base_url: "ftp://example.com/v1" }],
    ["base_url", "p", { base_url: "https://user:pw@example.com/v1" }],
    ["base_url", "p", { base_url: "not a url" }],
    ["api_key", "p", { base_url: "http://127.0.0.1:9/v1", api_key: "" }],
  ])("answers 400 naming %s", async (field, name, body) => {
    const { key } = await seedWorkspace();
    expectInvalid(await putProvider(key, name, body), field);
  });

  it("answers 409 deleting a provider models still use, then deletes it and its vault key once they are gone", async () => {
    const { key } = await seedWorkspace();
    await putProvider(key, "openai", { base_url: "http://127.0.0.1:9/v1", api_key: UPSTREAM_KEY });
    expect((await putModel(key, { model: "gpt-4o", provider: "openai", input_price: 2.5, output_price: 10 })).status).toBe(200);
    expectError(await api("DELETE", "/api/v1/gateway/providers/openai", { key }), 409, "conflict", { models: ["gpt-4o"] });
    expect((await api("DELETE", "/api/v1/gateway/models?model=gpt-4o", { key })).status).toBe(200);
    expect((await api("DELETE", "/api/v1/gateway/providers/openai", { key })).body).toEqual({ deleted: true, name: "openai" });
    expect((await api("GET", "/api/v1/gateway/providers", { key })).body.count).toBe(0);
    expect((await api("GET", "/api/v1/secrets", { key })).body.secrets).not.toContain("GATEWAY_OPENAI");
    expectNotFound(await api("DELETE", "/api/v1/gateway/providers/openai", { key }));
    expect((await allAuditEntries(key)).map((e) => e.action)).toEqual(expect.arrayContaining(["gateway.model_deleted", "gateway.provider_deleted", "secret.deleted"]));
  });

  it("saves one provider when the same new name is saved several times at once (never a 500 or a deadlock)", async () => {
    const { key } = await seedWorkspace();
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => putProvider(key, "same", { base_url: "http://127.0.0.1:9/v1", ...(i % 2 === 0 ? { api_key: `${UPSTREAM_KEY}-${i}` } : {}) })));
    for (const res of results) expect(res.status, JSON.stringify(res.body)).toBe(200);
    // Omitting api_key keeps the stored one, whichever order the saves ran in.
    expect((await api("GET", "/api/v1/gateway/providers", { key })).body.providers).toEqual([expect.objectContaining({ name: "same", has_api_key: true })]);
  });

  it("never answers 500 when a provider is deleted while models are being saved to it, and never leaves a model without its provider", async () => {
    const { key } = await seedWorkspace();
    const names = Array.from({ length: 8 }, (_, i) => `p${i}`);
    await Promise.all(names.map((name) => putProvider(key, name, { base_url: "http://127.0.0.1:9/v1" })));
    const results = await Promise.all(
      names.flatMap((name) => [
        putModel(key, { model: `m-${name}`, provider: name, input_price: 1, output_price: 1 }),
        api("DELETE", `/api/v1/gateway/providers/${name}`, { key }),
      ]),
    );
    for (const res of results) expect([200, 404, 409], JSON.stringify(res.body)).toContain(res.status);
    const providers = new Set((await api("GET", "/api/v1/gateway/providers", { key })).body.providers.map((p: { name: string }) => p.name));
    for (const model of (await api("GET", "/api/v1/gateway/models", { key })).body.models) expect(providers).toContain(model.provider);
  });
});

describe("PUT /api/v1/gateway/models", () => {
  it("round-trips prices as money per million tokens, with a slash in the model name and upstream_model defaulting to it", async () => {
    const { key } = await seedWorkspace();
    await putProvider(key, "together", { base_url: "http://127.0.0.1:9/v1" });
    const res = await putModel(key, { model: "meta-llama/Llama-3-70b", provider: "together", input_price: 0.000123, output_price: 15 });
    expect(res.status).toBe(200);
    const expected = { model: "meta-llama/Llama-3-70b", provider: "together", upstream_model: "meta-llama/Llama-3-70b", input_price: 0.000123, output_price: 15, max_output_tokens: 4096 };
    expect(res.body).toMatchObject(expected);
    expect((await api("GET", "/api/v1/gateway/models", { key })).body.models).toEqual([expect.objectContaining(expected)]);
    const replaced = await putModel(key, { model: "meta-llama/Llama-3-70b", provider: "together", upstream_model: "llama3:70b", input_price: 1, output_price: 2, max_output_tokens: 512 });
    expect(replaced.body).toMatchObject({ upstream_model: "llama3:70b", input_price: 1, output_price: 2, max_output_tokens: 512 });
    expect((await api("GET", "/api/v1/gateway/models", { key })).body.count).toBe(1);
    const saved = (await allAuditEntries(key)).filter((e) => e.action === "gateway.model_saved");
    expect(saved.map((e) => e.details.input_price)).toEqual(expect.arrayContaining([0.000123, 1]));
  });

  it.each<[string, Record<string, unknown>]>([
    ["model", { model: "/leading-slash", provider: "p", input_price: 1, output_price: 1 }],
    ["input_price", { model: "m", provider: "p", input_price: -1, output_price: 1 }],
    ["output_price", { model: "m", provider: "p", input_price: 1, output_price: 0.0000001 }],
    ["max_output_tokens", { model: "m", provider: "p", input_price: 1, output_price: 1, max_output_tokens: 0 }],
    ["provider", { model: "m", provider: "Bad Name", input_price: 1, output_price: 1 }],
  ])("answers 400 naming %s", async (field, body) => {
    const { key } = await seedWorkspace();
    expectInvalid(await putModel(key, body), field);
  });

  it("answers an unknown provider (or another workspace's), and deleting an unknown model, with 404", async () => {
    const { key } = await seedWorkspace();
    const { key: otherKey } = await seedWorkspace();
    await putProvider(otherKey, "theirs", { base_url: "http://127.0.0.1:9/v1" });
    expectNotFound(await putModel(key, { model: "m", provider: "theirs", input_price: 1, output_price: 1 }));
    expectNotFound(await putModel(key, { model: "m", provider: "nobody", input_price: 1, output_price: 1 }));
    expectNotFound(await api("DELETE", "/api/v1/gateway/models?model=unknown/model", { key }));
    expectInvalid(await api("DELETE", "/api/v1/gateway/models", { key }), "model");
  });

  it("lets gateway:read list but not change, and refuses requests without a key", async () => {
    const { slug, key } = await seedWorkspace();
    await putProvider(key, "p", { base_url: "http://127.0.0.1:9/v1" });
    const reader = await createKey(slug, ["gateway:read"]);
    expect((await api("GET", "/api/v1/gateway/models", { key: reader })).status).toBe(200);
    expectInsufficientScope(await putModel(reader, { model: "m", provider: "p", input_price: 1, output_price: 1 }), "gateway:write");
    expectInsufficientScope(await putProvider(reader, "p", { base_url: "http://127.0.0.1:9/v1" }), "gateway:write");
    expectInsufficientScope(await api("DELETE", "/api/v1/gateway/providers/p", { key: reader }), "gateway:write");
    expectUnauthorized(await api("GET", "/api/v1/gateway/providers"));
  });
});
