#!/usr/bin/env node
// `npm test`: the whole suite, in order, stopping at the first failing step:
// typecheck, lint, unit tests, production build, integration tests (PGlite, and PostgreSQL when
// TEST_DATABASE_URL is set) over real HTTP, then Playwright e2e in Chromium.
import { spawnSync } from "node:child_process";
import { root } from "./build-if-needed.mjs";

const steps = [
  ["typecheck", "npx", ["tsc", "--noEmit"]],
  ["lint", "npx", ["eslint", "--max-warnings=0", "."]],
  ["unit tests", "npx", ["vitest", "run", "--project", "unit"]],
  ["build", "npm", ["run", "build"]],
  ["integration tests", "npx", ["vitest", "run", "--project", "integration-*"]],
  ["e2e tests", "npx", ["playwright", "test"]],
];

for (const [name, command, args] of steps) {
  console.log(`\n=== ${name}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  console.log(`=== ${name}: ${result.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) process.exit(result.status ?? 1);
}
