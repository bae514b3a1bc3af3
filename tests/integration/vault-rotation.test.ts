// Master-key rotation from the CLI against a running server of its own (rotating the shared
// test server's key would race other files' reads): secrets of every workspace stay readable
// through the API, and the key's new home is reported. On the embedded default the key lives in
// <data dir>/master.key (0600), which the rotation replaces; on PostgreSQL it comes from
// WARDEN_MASTER_KEY and the CLI prints the new one.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyPostgresDatabase, isPostgres } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/test-server";

let server: TestServer;
let dropDatabase = async () => {};

// A database of its own on PostgreSQL too: rotation re-wraps every data key in the database.
beforeAll(async () => {
  const database = isPostgres() ? await createEmptyPostgresDatabase() : null;
  if (database) dropDatabase = database.drop;
  server = await startTestServer({ databaseUrl: database?.url });
});

afterAll(async () => {
  await server?.stop();
  await dropDatabase();
});

async function cli(argv: string[]) {
  const res = await fetch(`${server.url}/api/internal/cli`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-warden-cli-token": server.cliToken },
    body: JSON.stringify({ argv }),
  });
  const body = (await res.json()) as { lines?: string[]; error?: string };
  expect(res.status, body.error).toBe(200);
  return body.lines!;
}

async function call(method: string, url: string, key: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function workspaceWithSecret(value: string) {
  const slug = `rot-${randomBytes(4).toString("hex")}`;
  await cli(["create-workspace", slug]);
  const key = (await cli(["create-key", "--workspace", slug, "--name", "k", "--scopes", "*"])).at(-1)!;
  expect((await call("POST", "/api/v1/secrets", key, { name: "token", value })).status).toBe(201);
  const session = await call("POST", "/api/v1/sessions", key, { agent_id: "a", scopes: ["read"] });
  const read = () => call("GET", "/api/v1/secrets/token", key, undefined, { "x-session-id": session.body.session_id as string });
  return { read };
}

describe("rotate-master-key on a running server", () => {
  it("re-wraps every workspace's data key, and every secret stays readable", async () => {
    const keyFile = path.join(server.dataDir, "master.key");
    if (!isPostgres()) {
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(server.logFile, "utf8")).toContain("Generated the vault master key");
    }
    const keyBefore = isPostgres() ? null : fs.readFileSync(keyFile, "utf8");
    const workspaces = await Promise.all(["first", "second", "third"].map((v) => workspaceWithSecret(`value-${v}`)));

    const lines = await cli(["rotate-master-key"]);
    expect(lines[0]).toMatch(/^Re-wrapped \d+ workspace data key\(s\): master key [0-9a-f]{16} → [0-9a-f]{16}$/);
    expect(Number(/Re-wrapped (\d+)/.exec(lines[0]!)![1])).toBeGreaterThanOrEqual(3);
    if (isPostgres()) {
      expect(lines[1]).toMatch(/Set WARDEN_MASTER_KEY to the key on the next line and restart every server/);
      expect(Buffer.from(lines[2]!, "base64")).toHaveLength(32);
    } else {
      expect(lines[1]).toMatch(/The new key replaced .*master\.key/);
      expect(fs.readFileSync(keyFile, "utf8")).not.toBe(keyBefore);
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    }
    for (const [i, w] of workspaces.entries()) {
      expect((await w.read()).body).toEqual({ name: "token", value: `value-${["first", "second", "third"][i]}` });
    }
  });

  it("refuses a --new-key that is not 32 bytes of base64", async () => {
    const res = await fetch(`${server.url}/api/internal/cli`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-warden-cli-token": server.cliToken },
      body: JSON.stringify({ argv: ["rotate-master-key", "--new-key", "c2hvcnQ="] }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/Invalid --new-key: must be 32 bytes in base64/);
  });
});
