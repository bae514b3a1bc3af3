// PostgreSQL only: a dump of the server's database holds no secret value, a production server
// on PostgreSQL refuses to start without WARDEN_MASTER_KEY, and a flipped ciphertext byte in the
// server's database is answered over HTTP with a clean 500.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { api, seedWorkspace } from "../../helpers/api";
import { postgresUrl } from "../../helpers/databases";
import { createSession, expectError } from "../../helpers/governance";
import { startTestServer } from "../../helpers/test-server";

async function onServerDatabase<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe("the vault on PostgreSQL", () => {
  it("leaves no secret value in a pg_dump of the database (only its name)", async () => {
    const { key } = await seedWorkspace();
    const value = `PLAINTEXT-${randomBytes(12).toString("hex")}`;
    const name = `dumped_${randomBytes(6).toString("hex")}`;
    expect((await api("POST", "/api/v1/secrets", { key, body: { name, value } })).status).toBe(201);
    const dump = execFileSync("pg_dump", ["--data-only", postgresUrl()], { maxBuffer: 1 << 30 });
    expect(dump.includes(Buffer.from(name))).toBe(true);
    expect(dump.includes(Buffer.from(value))).toBe(false);
    expect(dump.includes(Buffer.from(Buffer.from(value).toString("hex")))).toBe(false);
  });

  it("answers a flipped ciphertext byte in the server's database with 500 secret_unreadable", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "a", scopes: ["read"] });
    await api("POST", "/api/v1/secrets", { key, body: { name: "flip", value: "intact" } });
    const workspaceId = (await api("GET", "/api/v1/whoami", { key })).body.workspace_id as string;
    await onServerDatabase(
      `UPDATE secret_versions v SET ciphertext = set_byte(v.ciphertext, 0, get_byte(v.ciphertext, 0) # 1)
       FROM secrets s WHERE s.id = v.secret_id AND s.workspace_id = $1 AND s.name = 'flip'`,
      [workspaceId],
    );
    const res = await api("GET", "/api/v1/secrets/flip", { key, headers: { "x-session-id": session_id } });
    expectError(res, 500, "secret_unreadable");
    expect(res.body.error).toBe("Secret 'flip' (version 1) cannot be decrypted: its stored ciphertext, nonce or tag fails authentication");
    expect(res.body).not.toHaveProperty("value");
  });

  it("refuses to start in production on PostgreSQL without WARDEN_MASTER_KEY, saying so", async () => {
    const failed = await startTestServer({ databaseUrl: postgresUrl(), env: { WARDEN_MASTER_KEY: "" } }).then(
      async (server) => {
        await server.stop({});
        return null;
      },
      (error: unknown) => error as Error,
    );
    expect(failed?.message).toMatch(/WARDEN_MASTER_KEY must be set/);
  });
});
