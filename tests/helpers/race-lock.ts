// Races for a PGlite data directory lock (no database is opened): prints "armed", waits until the
// file given as second argument exists, then tries to take the lock and prints "took <pid>" or
// "refused <owner pid>", holding a lock it took until stdin closes. Used by
// tests/unit/pglite-lock.test.ts to start several takeovers at the same instant.
import fs from "node:fs";
import { acquireDataDirLock, DataDirectoryLockedError } from "@/lib/db/pglite-lock";

const [dir, goFile] = process.argv.slice(2);
if (!dir || !goFile) {
  process.stderr.write("usage: race-lock.ts <pglite-dir> <go-file>\n");
  process.exit(2);
}
process.stdout.write("armed\n");
while (!fs.existsSync(goFile)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
try {
  const release = acquireDataDirLock(dir);
  process.stdout.write(`took ${process.pid}\n`);
  process.stdin.resume();
  process.stdin.on("end", () => {
    release();
    process.exit(0);
  });
} catch (error) {
  if (!(error instanceof DataDirectoryLockedError)) throw error;
  process.stdout.write(`refused ${error.ownerPid}\n`);
  process.exit(0);
}
