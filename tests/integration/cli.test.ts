// The operator CLI (`npx tsx cli/warden.ts`) as a separate process: forwarding commands to the
// running server that holds the embedded database (or, on PostgreSQL, sharing its database),
// reporting bad arguments on stderr, and working in-process on a database nobody holds.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { looksLikeApiKey } from "@/lib/auth/api-key-secret";
import { api, cli, randomSlug } from "../helpers/api";
import { createEmptyPostgresDatabase, isPostgres, postgresUrl } from "../helpers/databases";
import { runTsx } from "../helpers/processes";

function cliEnv(settings: { dataDir: string; databaseUrl?: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, WARDEN_DATA_DIR: settings.dataDir, WARDEN_LOG_LEVEL: "warn" };
  delete env.DATABASE_URL;
  if (settings.databaseUrl) env.DATABASE_URL = settings.databaseUrl;
  return env;
}

const warden = (args: string[], env: NodeJS.ProcessEnv) => runTsx("cli/warden.ts", args, env);
const lastLine = (stdout: string) => stdout.trimEnd().split("\n").at(-1)!;

const serverMode = isPostgres() ? "sharing the running server's PostgreSQL database" : "forwarding to the running server";

describe(`the warden CLI ${serverMode}`, () => {
  // The running server's data directory: on PGlite the CLI finds the server's lock and
  // server.json there and forwards; on PostgreSQL it opens the same database itself.
  const serverEnv = () => cliEnv({ dataDir: inject("serverDataDir"), databaseUrl: postgresUrl() || undefined });

  it("creates a key that it prints on its last stdout line and that authenticates against the server", async () => {
    const slug = randomSlug();
    await cli(["create-workspace", slug]);
    const result = await warden(["create-key", "--workspace", slug, "--name", "from-cli", "--scopes", "keys:read,audit:read"], serverEnv());
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const key = lastLine(result.stdout);
    expect(looksLikeApiKey(key)).toBe(true);

    const res = await api("GET", "/api/v1/keys", { key });
    expect(res.status).toBe(200);
    expect(res.body.keys).toEqual([expect.objectContaining({ name: "from-cli", prefix: key.slice(0, 12), scopes: ["keys:read", "audit:read"] })]);
  });

  it("creates a workspace that the server then knows", async () => {
    const slug = randomSlug();
    const result = await warden(["create-workspace", slug, "--name", "CLI workspace"], serverEnv());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`Created workspace ${slug} \\(wsp_[0-9A-Z]{26}\\)`));
    const key = (await cli(["create-key", "--workspace", slug, "--name", "k", "--scopes", "keys:read"])).at(-1)!;
    expect((await api("GET", "/api/v1/keys", { key })).status).toBe(200);
  });

  it("exits non-zero with a message on stderr for a workspace that does not exist", async () => {
    const result = await warden(["create-key", "--workspace", "no-such-workspace-x", "--name", "k", "--scopes", "keys:read"], serverEnv());
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^warden: Workspace 'no-such-workspace-x' not found/);
  });

  it("exits with status 2 and names the problem for an unknown scope", async () => {
    const slug = randomSlug();
    await cli(["create-workspace", slug]);
    const result = await warden(["create-key", "--workspace", slug, "--name", "k", "--scopes", "keys:read,root"], serverEnv());
    expect(result.stderr).toMatch(/^warden: .*scopes/);
    expect(result.stdout).toBe("");
    expect(result.code).toBe(2);
  });

  it("exits with status 2 and names the option for an unknown option", async () => {
    const result = await warden(["create-key", "--workspace", "x", "--bogus", "1"], serverEnv());
    expect(result.stderr).toMatch(/^warden: .*--bogus/);
    expect(result.stdout).toBe("");
    expect(result.code).toBe(2);
  });

  it("exits with status 2 and prints the usage for an unknown command", async () => {
    const result = await warden(["frobnicate"], serverEnv());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^warden: Unknown command 'frobnicate'/);
    expect(result.stderr).toContain("Usage: npm run warden");
  });

  it("prints its usage for help", async () => {
    const result = await warden(["help"], serverEnv());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("create-key --workspace <slug>");
  });
});

describe(`the warden CLI on its own fresh ${isPostgres() ? "PostgreSQL database" : "data directory"}`, () => {
  let dataDir: string;
  let dropDatabase: () => Promise<void> = async () => {};
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "warden-cli-"));
    let databaseUrl: string | undefined;
    if (isPostgres()) {
      const empty = await createEmptyPostgresDatabase();
      databaseUrl = empty.url;
      dropDatabase = empty.drop;
    }
    env = cliEnv({ dataDir, databaseUrl });
  });

  afterAll(async () => {
    await dropDatabase();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("migrates, creates a workspace and a key, in its own process, then lets go of the database", async () => {
    const migrate = await warden(["migrate"], env);
    expect(migrate.stderr).toBe("");
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toMatch(/^Applied \d+ migration\(s\): 2\d{13}_/);

    const again = await warden(["migrate"], env);
    expect(again.stdout.trim()).toBe("Database is up to date");

    const workspace = await warden(["create-workspace", "ops"], env);
    expect(workspace.code).toBe(0);
    expect(workspace.stdout).toMatch(/^Created workspace ops \(wsp_/);

    const created = await warden(["create-key", "--workspace", "ops", "--name", "ops-key", "--scopes", "*"], env);
    expect(created.code).toBe(0);
    const key = lastLine(created.stdout);
    expect(looksLikeApiKey(key)).toBe(true);
    expect(created.stdout).toContain(`Created API key ${key.slice(0, 12)}`);

    const duplicate = await warden(["create-workspace", "ops"], env);
    expect(duplicate.code).not.toBe(0);
    expect(duplicate.stderr).toMatch(/^warden: Workspace 'ops' already exists/);

    if (!isPostgres()) {
      // Every command closed the embedded database: no lock is left behind.
      expect(fs.existsSync(path.join(dataDir, "pglite.lock"))).toBe(false);
    }
  });
});
