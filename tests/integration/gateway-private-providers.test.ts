// A server without WARDEN_GATEWAY_ALLOW_PRIVATE refuses providers on loopback, private and
// link-local addresses (the shared test server allows them: its fake upstreams are on 127.0.0.1).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresUrl } from "../helpers/databases";
import { callOn, seedWorkspaceOn } from "../helpers/own-server";
import { startTestServer, type TestServer } from "../helpers/test-server";

describe("a server refusing private gateway providers", () => {
  let server: TestServer;
  let key: string;

  beforeAll(async () => {
    server = await startTestServer({ databaseUrl: postgresUrl() || undefined, env: { WARDEN_GATEWAY_ALLOW_PRIVATE: "false" } });
    key = (await seedWorkspaceOn(server)).key;
  });

  afterAll(async () => {
    await server?.stop({ saveLogTo: "test-results/gateway-private-providers-server.log" });
  });

  it.each(["http://127.0.0.1:11434/v1", "http://localhost:8000/v1", "http://[::1]/v1", "http://10.0.0.5/v1", "http://169.254.169.254/latest"])(
    "refuses %s naming base_url, and saves nothing",
    async (baseUrl) => {
      const res = await callOn(server.url, key, "PUT", "/api/v1/gateway/providers/local", { base_url: baseUrl });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: "invalid_request", field: "base_url" });
      expect((await callOn(server.url, key, "GET", "/api/v1/gateway/providers")).body).toMatchObject({ count: 0 });
    },
  );

  it("saves a provider on a public address", async () => {
    const res = await callOn(server.url, key, "PUT", "/api/v1/gateway/providers/public", { base_url: "https://93.184.215.14/v1" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ name: "public", base_url: "https://93.184.215.14/v1" });
  });
});
