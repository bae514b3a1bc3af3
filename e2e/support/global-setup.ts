// Starts the production build on a free port with a fresh data directory (first-run seeding
// creates workspace `demo` and the admin), and stops it when the run ends. The server log is
// kept in test-results/ for failures; the data directory is removed.
import fs from "node:fs";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { startTestServer } from "../../tests/helpers/test-server";

const buildStamp = (root: string) => {
  const file = path.join(root, ".next", "BUILD_ID");
  return fs.existsSync(file) ? `${fs.readFileSync(file, "utf8")}@${fs.statSync(file).mtimeMs}` : "none";
};

export default async function globalSetup(config: FullConfig) {
  const root = config.configFile ? path.dirname(config.configFile) : process.cwd();
  const builtBefore = buildStamp(root);
  // Throws "No production build: run `npm run build` first" when .next/BUILD_ID is missing.
  // The gateway journey's provider is a fake upstream on this machine: a private address.
  const server = await startTestServer({ env: { WARDEN_GATEWAY_ALLOW_PRIVATE: "true" } });
  process.env.WARDEN_E2E_URL = server.url;
  process.env.WARDEN_E2E_CLI_TOKEN = server.cliToken;
  process.env.WARDEN_E2E_SERVER_LOG = server.logFile;
  console.log(`e2e: Warden at ${server.url} (data directory ${server.dataDir})`);
  return async () => {
    const outputDir = config.projects[0]?.outputDir ?? path.join(root, "test-results");
    await server.stop({ saveLogTo: path.join(outputDir, "server.log") });
    // A build written while the server runs swaps its files underneath it: failures are then noise.
    if (buildStamp(root) !== builtBefore) {
      console.warn("e2e: .next was rebuilt during this run; any failure above may come from that, run again");
    }
  };
}
