// PostgreSQL only: in production on PostgreSQL every instance must sign export manifests with one
// configured key, so a server without WARDEN_EXPORT_SIGNING_KEY refuses to start.
import { describe, expect, it } from "vitest";
import { postgresUrl } from "../../helpers/databases";
import { startTestServer } from "../../helpers/test-server";

describe("the export signing key on PostgreSQL", () => {
  it("is required in production: the server refuses to start without it, saying so", async () => {
    const failed = await startTestServer({ databaseUrl: postgresUrl(), env: { WARDEN_EXPORT_SIGNING_KEY: "" } }).then(
      async (server) => {
        await server.stop({});
        return null;
      },
      (error: unknown) => error as Error,
    );
    expect(failed?.message).toMatch(/WARDEN_EXPORT_SIGNING_KEY must be set/);
  });
});
