// Operator CLI: `npm run warden -- <command>`. Database commands open the database themselves
// or, when a running server holds the embedded database, are sent to that server.
// verify-export runs offline: it is dispatched before anything that could reach a database is
// even loaded (lib/cli/verify-export-command.ts never imports the database client).
import { AppError } from "@/lib/errors";

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv[0] === "verify-export") {
    const { verifyExportCommand } = await import("@/lib/cli/verify-export-command");
    const result = await verifyExportCommand(argv.slice(1));
    for (const warning of result.warnings) process.stderr.write(`${warning}\n`);
    process.stdout.write(`${result.lines.join("\n")}\n`);
    return 0;
  }
  const { runDatabaseCommand } = await import("@/lib/cli/run-database-command");
  const result = await runDatabaseCommand(argv);
  process.stdout.write(`${result.lines.join("\n")}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`warden: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof AppError && error.code === "invalid_request" ? 2 : 1);
  },
);
