// Opens the PGlite data directory given as argument and holds it until stdin closes, printing
// "ready <pid>" once it holds the lock. Exits 3 with the error on stderr if it cannot open it.
// Used by tests/integration/pglite-lock.test.ts to act as a second process.
import { openDatabase } from "@/lib/db/client";

const dir = process.argv[2];
if (!dir) {
  process.stderr.write("usage: hold-pglite.ts <pglite-dir>\n");
  process.exit(2);
}

try {
  const db = await openDatabase({ pgliteDir: dir });
  await db.migrate();
  process.stdout.write(`ready ${process.pid}\n`);
  process.stdin.resume();
  process.stdin.on("end", () => {
    void db.close().then(() => process.exit(0));
  });
} catch (error) {
  const name = error instanceof Error ? error.constructor.name : "Error";
  process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(3);
}
