// Starts the production build (`next start`) on a free loopback port with its own data
// directory, as integration and e2e tests need: real HTTP against the real server.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type TestServer = {
  url: string;
  dataDir: string;
  cliToken: string;
  logFile: string;
  pid: number;
  /** False once the process has exited (a crash shows here before any request fails). */
  isRunning: () => boolean;
  /**
   * Sends a signal (SIGKILL by default: a crash) and resolves once the process has exited, with its
   * exit code or the signal that ended it. The data directory stays; stop() still cleans up.
   */
  kill: (signal?: NodeJS.Signals) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /**
   * Stops the server and removes its data directory (unless keepDataDir: a later server can then
   * start on it), first copying its log to saveLogTo if given.
   */
  stop: (options?: { saveLogTo?: string; keepDataDir?: boolean }) => Promise<void>;
};

export const TEST_MASTER_KEY = createHash("sha256").update("warden test master key").digest("base64");

/** The Ed25519 seed that signs export manifests on PostgreSQL test servers (base64, 32 bytes). */
export const TEST_EXPORT_SIGNING_KEY = createHash("sha256").update("warden test export signing key").digest("base64");

/** What test servers expect in `Authorization: Bearer …` on GET /api/metrics. */
export const TEST_METRICS_TOKEN = createHash("sha256").update("warden test metrics token").digest("hex");

export const TEST_ADMIN = { email: "admin@warden.test", password: "correct-horse-battery" };

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Runs an operator command through a server's internal CLI endpoint (the server holds the database). */
export async function cliOn(server: { url: string; cliToken: string }, argv: string[]): Promise<string[]> {
  const response = await fetch(`${server.url}/api/internal/cli`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-warden-cli-token": server.cliToken },
    body: JSON.stringify({ argv }),
  });
  const body = (await response.json()) as { lines?: string[]; error?: unknown };
  if (!response.ok || !body.lines) throw new Error(`cli ${argv[0]} failed: ${response.status} ${JSON.stringify(body)}`);
  return body.lines;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForReady(url: string, child: ChildProcess, logFile: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`test server exited with ${child.exitCode}:\n${fs.readFileSync(logFile, "utf8")}`);
    }
    try {
      const response = await fetch(`${url}/api/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`test server not ready after ${timeoutMs} ms:\n${fs.readFileSync(logFile, "utf8")}`);
}

type StartOptions = {
  databaseUrl?: string;
  env?: Record<string, string>;
  /** An existing data directory (of a stopped server) to start on instead of a fresh one. */
  dataDir?: string;
};

export async function startTestServer(options: StartOptions = {}): Promise<TestServer> {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npm run build` first (npm test does)");
  }
  const port = await freePort();
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "warden-test-"));
  const logFile = path.join(dataDir, "server.log");
  const log = fs.openSync(logFile, "a");
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    WARDEN_DATA_DIR: dataDir,
    WARDEN_ADMIN_EMAIL: TEST_ADMIN.email,
    WARDEN_ADMIN_PASSWORD: TEST_ADMIN.password,
    NEXTAUTH_URL: url,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    WARDEN_METRICS_TOKEN: TEST_METRICS_TOKEN,
    ...options.env,
  };
  delete env.DATABASE_URL;
  if (options.databaseUrl) {
    env.DATABASE_URL = options.databaseUrl;
    // Production on PostgreSQL refuses to start without a master key (the embedded default makes
    // one). Every test server shares one, as servers on one database must.
    env.WARDEN_MASTER_KEY ??= TEST_MASTER_KEY;
    // Likewise the export signing key: every instance must sign with the same one.
    env.WARDEN_EXPORT_SIGNING_KEY ??= TEST_EXPORT_SIGNING_KEY;
  }
  // As scripts/start.mjs: keep-alive longer than clients keep idle sockets (no ECONNRESET race).
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "--keepAliveTimeout", "65000"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", log, log],
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  await waitForReady(url, child, logFile);
  const handle = JSON.parse(fs.readFileSync(path.join(dataDir, "server.json"), "utf8")) as { token: string };
  let logClosed = false;
  return {
    url,
    dataDir,
    cliToken: handle.token,
    logFile,
    pid: child.pid!,
    isRunning: () => child.exitCode === null && child.signalCode === null,
    async kill(signal = "SIGKILL") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exit;
    },
    async stop(stopOptions = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await Promise.race([exit, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      if (!logClosed) fs.closeSync(log);
      logClosed = true;
      if (stopOptions.saveLogTo) {
        fs.mkdirSync(path.dirname(stopOptions.saveLogTo), { recursive: true });
        fs.copyFileSync(logFile, stopOptions.saveLogTo);
      }
      if (!stopOptions.keepDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
