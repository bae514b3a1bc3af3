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
// Idle keep-alive connections stay open 65 s, longer than clients and proxies keep theirs (nginx
// and most load balancers: 60 s), so a client never sends a request on a socket the server is
// closing at that instant (Node's default, 5 s, made that an occasional ECONNRESET).
const KEEP_ALIVE_MS = "65000";
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const server = spawn(process.execPath, [nextBin, "start", "-p", port, "--keepAliveTimeout", KEEP_ALIVE_MS], {
  cwd: root,
  stdio: "inherit",
  env: { NEXTAUTH_URL: `http://localhost:${port}`, ...process.env, PORT: port, NODE_ENV: "production" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
