#!/usr/bin/env node
// `npm start`: build the app if there is no build or the sources changed since the last one,
// then serve it with `next start` (migrations and first-run seeding happen at server start).
import { spawn } from "node:child_process";
import path from "node:path";
import { buildIfNeeded, root } from "./build-if-needed.mjs";

try {
  buildIfNeeded();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

const port = process.env.PORT ?? "3000";
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const server = spawn(process.execPath, [nextBin, "start", "-p", port], {
  cwd: root,
  stdio: "inherit",
  env: { NEXTAUTH_URL: `http://localhost:${port}`, ...process.env, PORT: port, NODE_ENV: "production" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
