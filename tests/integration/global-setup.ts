// Starts one production server per integration project (embedded PGlite, or PostgreSQL when
// the project provides databaseUrl) and hands its address and CLI token to the tests.
import type { TestProject } from "vitest/node";
import { startTestServer } from "../helpers/test-server";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    baseUrl: string;
    cliToken: string;
    serverDataDir: string;
  }
}

export default async function setup(project: TestProject) {
  const databaseUrl = project.config.provide?.databaseUrl || undefined;
  // The webhook tests' receivers listen on 127.0.0.1: this server allows private targets
  // (webhook-guard.test.ts starts servers that do not).
  const server = await startTestServer({ databaseUrl, env: { WARDEN_WEBHOOK_ALLOW_PRIVATE: "true", WARDEN_GATEWAY_ALLOW_PRIVATE: "true" } });
  project.provide("baseUrl", server.url);
  project.provide("cliToken", server.cliToken);
  project.provide("serverDataDir", server.dataDir);
  return async () => server.stop({ saveLogTo: `test-results/server-${project.name}.log` });
}
