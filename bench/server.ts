// The server under test: the production build started as the integration tests start it
// (tests/helpers/test-server.ts), plus the PostgreSQL database it uses (for CPU accounting) and
// the few HTTP calls the bench makes outside the load itself (seeding, checks).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cliOn, startTestServer, type TestServer } from "../tests/helpers/test-server";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

export type BenchServer = TestServer & {
  /** The PostgreSQL database name (for CPU accounting); null on PGlite. */
  database: string | null;
};

/** Servers still running, so that Ctrl-C can stop them and remove their data directories. */
export const activeServers = new Set<BenchServer>();

export function ensureBuild(): void {
  if (fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return;
  console.log("No production build (.next/BUILD_ID missing): running `npm run build` first…");
  const result = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error("`npm run build` failed");
}

export function logTail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

export async function startServer(databaseUrl: string | undefined): Promise<BenchServer> {
  const server = await startTestServer({ databaseUrl, env: { NEXT_TELEMETRY_DISABLED: "1", WARDEN_GATEWAY_ALLOW_PRIVATE: "true" } });
  const database = databaseUrl ? decodeURIComponent(new URL(databaseUrl).pathname.slice(1)) || null : null;
  const bench = { ...server, database };
  activeServers.add(bench);
  return bench;
}

export async function stopServer(server: BenchServer): Promise<void> {
  activeServers.delete(server);
  await server.stop();
}

export async function call(
  server: BenchServer,
  method: string,
  urlPath: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.url}${urlPath}`, {
    method,
    headers: { "content-type": "application/json", ...options.headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { raw: text };
  }
  return { status: response.status, body };
}

export const cli = (server: BenchServer, argv: string[]) => cliOn(server, argv);
