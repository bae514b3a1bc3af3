// Runs one SQL statement on a stopped server's embedded database and prints the rows as JSON:
// how a test changes data behind Warden's back (tampering with the audit trail) when the
// server holds a PGlite directory. Usage: tsx tests/helpers/pglite-sql.ts <pglite-dir> <sql> [json params]
import { openDatabase } from "@/lib/db/client";

const [dir, text, params = "[]"] = process.argv.slice(2);
if (!dir || !text) {
  process.stderr.write("usage: pglite-sql.ts <pglite-dir> <sql> [json params]\n");
  process.exit(2);
}

const db = await openDatabase({ pgliteDir: dir });
try {
  const rows = await db.sql(text, JSON.parse(params) as unknown[]);
  process.stdout.write(`${JSON.stringify(rows)}\n`);
} finally {
  await db.close();
}
