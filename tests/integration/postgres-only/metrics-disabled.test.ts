// Without WARDEN_METRICS_TOKEN the metrics endpoint does not exist: 404, whatever is sent. The
// behaviour does not depend on the database; it runs here because a PostgreSQL server is the
// cheaper extra server to start.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startTestServer, TEST_METRICS_TOKEN, type TestServer } from "../../helpers/test-server";

describe("GET /api/metrics without WARDEN_METRICS_TOKEN", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ databaseUrl: inject("databaseUrl"), env: { WARDEN_METRICS_TOKEN: "" } });
  });
  afterAll(async () => server?.stop());

  it("answers 404 in the API's error format, with or without a token", async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: `Bearer ${TEST_METRICS_TOKEN}` }];
    for (const headers of attempts) {
      const response = await fetch(`${server.url}/api/metrics`, { headers });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: "not_found", error: expect.stringContaining("WARDEN_METRICS_TOKEN") });
    }
  });

  it("still serves the API", async () => {
    expect((await fetch(`${server.url}/api/healthz`)).status).toBe(200);
  });
});
