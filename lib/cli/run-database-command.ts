// The CLI's database commands: run in this process when it can open the database itself, or
// sent to the running server that holds the embedded database.
import { config } from "@/lib/config";
import { closeDb } from "@/lib/db/client";
import { lockOwner } from "@/lib/db/pglite-lock";
import { AppError } from "@/lib/errors";
import { readServerHandle } from "@/lib/setup/server-handle";
import { runCliCommand, type CliResult } from "./run-command";

async function runViaServer(argv: string[], ownerPid: number, dataDir: string): Promise<CliResult> {
  const handle = readServerHandle(dataDir);
  if (!handle || handle.pid !== ownerPid) {
    throw new Error(`The embedded database is in use by process ${ownerPid}, which is not a Warden server accepting CLI commands.`);
  }
  const response = await fetch(`${handle.url}/api/internal/cli`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-warden-cli-token": handle.token },
    body: JSON.stringify({ argv }),
  });
  const body = (await response.json()) as CliResult & { error?: string; code?: string };
  if (!response.ok) throw new AppError((body.code as AppError["code"]) ?? "internal_error", body.error ?? `server answered ${response.status}`);
  return body;
}

async function runInProcess(argv: string[]): Promise<CliResult> {
  try {
    return await runCliCommand(argv);
  } finally {
    await closeDb();
  }
}

export async function runDatabaseCommand(argv: string[]): Promise<CliResult> {
  const cfg = config();
  const owner = cfg.isEmbedded ? lockOwner(cfg.pgliteDir) : null;
  // The server running a forwarded command sees its own environment, not this one's.
  if (owner !== null && argv[0] === "rotate-master-key" && cfg.WARDEN_NEW_MASTER_KEY && !argv.some((a) => a.startsWith("--new-key"))) {
    argv.push(`--new-key=${cfg.WARDEN_NEW_MASTER_KEY}`);
  }
  return owner !== null ? runViaServer(argv, owner, cfg.dataDir) : runInProcess(argv);
}
