// Starts the production build on a free port with a fresh data directory (first-run seeding
// creates workspace `demo` and the admin), and stops it when the run ends. The server log is
// kept in test-results/ for failures; the data directory is removed.
import fs from "node:fs";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { startTestServer } from "../../tests/helpers/test-server";

export default async function globalSetup(config: FullConfig) {
  const server = await startTestServer();
  process.env.WARDEN_E2E_URL = server.url;
  process.env.WARDEN_E2E_CLI_TOKEN = server.cliToken;
  process.env.WARDEN_E2E_SERVER_LOG = server.logFile;
  console.log(`e2e: Warden at ${server.url} (data directory ${server.dataDir})`);
  return async () => {
    await server.stop();
    const outputDir = config.projects[0]?.outputDir ?? path.join(config.rootDir, "test-results");
    fs.mkdirSync(outputDir, { recursive: true });
    fs.copyFileSync(server.logFile, path.join(outputDir, "server.log"));
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  };
}
