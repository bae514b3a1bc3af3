import path from "node:path";
import { defineConfig } from "vitest/config";

// Three kinds of Vitest project:
//  - unit: pure functions, no database;
//  - integration-pglite: domain functions on in-memory PGlite, route handlers over real HTTP
//    against `next start` on an embedded database;
//  - integration-postgres (only when TEST_DATABASE_URL is set): the same files on PostgreSQL.
const alias = { "@": path.resolve(import.meta.dirname) };
const integration = (name: string, databaseUrl?: string) => ({
  resolve: { alias },
  test: {
    name,
    include: ["tests/integration/**/*.test.ts"],
    // Tests of one engine's own behaviour live in pglite-only/ and postgres-only/.
    exclude: [databaseUrl ? "tests/integration/pglite-only/**" : "tests/integration/postgres-only/**"],
    globalSetup: ["tests/integration/global-setup.ts"],
    provide: { databaseUrl: databaseUrl ?? "" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      integration("integration-pglite"),
      ...(process.env.TEST_DATABASE_URL ? [integration("integration-postgres", process.env.TEST_DATABASE_URL)] : []),
    ],
  },
});
