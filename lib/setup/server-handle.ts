// While a server holds the embedded database, the CLI cannot open it (one process per PGlite
// directory), so the server publishes where it listens and a random token in the data
// directory (mode 0600). The CLI sends its command to /api/internal/cli with that token.
import { timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { randomToken } from "@/lib/ids";

export type ServerHandle = { pid: number; url: string; token: string };

export function serverHandlePath(dataDir: string): string {
  return path.join(dataDir, "server.json");
}

export function writeServerHandle(dataDir: string, url: string): ServerHandle {
  const handle: ServerHandle = { pid: process.pid, url, token: randomToken(32) };
  fs.mkdirSync(dataDir, { recursive: true });
  const file = serverHandlePath(dataDir);
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, JSON.stringify(handle), { mode: 0o600 });
  process.on("exit", () => {
    try {
      const current = JSON.parse(fs.readFileSync(file, "utf8")) as ServerHandle;
      if (current.pid === process.pid) fs.rmSync(file, { force: true });
    } catch {
      // gone already
    }
  });
  return handle;
}

export function readServerHandle(dataDir: string): ServerHandle | null {
  try {
    return JSON.parse(fs.readFileSync(serverHandlePath(dataDir), "utf8")) as ServerHandle;
  } catch {
    return null;
  }
}

const globalForHandle = globalThis as unknown as { wardenServerHandle?: ServerHandle };

export function setCurrentServerHandle(handle: ServerHandle): void {
  globalForHandle.wardenServerHandle = handle;
}

export function isValidCliToken(given: string | null): boolean {
  const expected = globalForHandle.wardenServerHandle?.token;
  if (!expected || !given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
