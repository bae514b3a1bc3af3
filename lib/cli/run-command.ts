// The operator CLI's commands, run either in the CLI process (when it can open the database
// itself) or inside the running server (when the server holds the embedded database).
// Each returns the lines to print; the last line of create-key and issue-gateway-key is the key alone.
import { parseArgs } from "node:util";
import { config, masterKeyText } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { issueGatewayKey } from "@/lib/gateway/issue-gateway-key";
import { createApiKey } from "@/lib/keys/create-api-key";
import { createUser } from "@/lib/users/create-user";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { RoleSchema } from "@/lib/users/schemas";
import { newDataKey } from "@/lib/vault/envelope";
import { rotateMasterKey } from "@/lib/vault/rotate-master-key";
import { VERIFY_EXPORT_USAGE } from "./verify-export-command";

const CLI_ACTOR = { type: "system", id: "cli" } as const;

export const USAGE = `Usage: npm run warden -- <command> [options]

Commands:
  migrate                                   apply pending database migrations
  create-workspace <slug> [--name <name>]   create a workspace
  create-user --email <e> --password <p> --role <ADMIN|REVIEWER|AUDITOR|VIEWER> --workspace <slug>
                                            create a user (or add an existing one) as a member
  create-key --workspace <slug> --name <name> --scopes <csv> [--expires-at <ISO date>]
                                            create an API key; prints the key on the last line
  issue-gateway-key --workspace <slug> --agent <agent_id> --name <name> [--crew <crw_...>]
                    [--token-limit <n>] [--spend-limit <amount>]
                                            issue an LLM gateway key (opens the agent's session);
                                            prints the key on the last line
  rotate-master-key [--new-key <base64>]    re-wrap every workspace's vault data key under a new
                                            master key (WARDEN_NEW_MASTER_KEY, --new-key, or generated)
${VERIFY_EXPORT_USAGE}
  help                                      show this help`;

export type CliResult = { lines: string[] };

export async function runCliCommand(argv: string[]): Promise<CliResult> {
  try {
    return await dispatch(argv);
  } catch (error) {
    // node:util parseArgs rejects unknown or malformed options with ERR_PARSE_ARGS_* errors.
    const code = (error as NodeJS.ErrnoException).code;
    if (code?.startsWith("ERR_PARSE_ARGS")) {
      throw new AppError("invalid_request", `${(error as Error).message}\n\n${USAGE}`, { field: "argv" });
    }
    throw error;
  }
}

async function dispatch(argv: string[]): Promise<CliResult> {
  const [command, ...rest] = argv;
  switch (command) {
    case "migrate": {
      const db = await getDb();
      const applied = [...(db.appliedAtOpen ?? []), ...(await db.migrate()).applied];
      db.appliedAtOpen = [];
      return {
        lines: [applied.length > 0 ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date"],
      };
    }
    case "create-workspace": {
      const { values, positionals } = parseArgs({ args: rest, options: { name: { type: "string" } }, allowPositionals: true });
      const workspace = await createWorkspace({ slug: positionals[0] ?? "", name: values.name }, CLI_ACTOR);
      return { lines: [`Created workspace ${workspace.slug} (${workspace.id})`] };
    }
    case "create-user": {
      const { values } = parseArgs({
        args: rest,
        options: {
          email: { type: "string" },
          password: { type: "string" },
          role: { type: "string" },
          workspace: { type: "string" },
          name: { type: "string" },
        },
      });
      const role = RoleSchema.safeParse(values.role?.toUpperCase());
      if (!role.success) throw new AppError("invalid_request", "Invalid --role: use ADMIN, REVIEWER, AUDITOR or VIEWER", { field: "role" });
      const { user, workspace } = await createUser(
        { email: values.email ?? "", password: values.password ?? "", name: values.name, workspace: values.workspace ?? "", role: role.data },
        CLI_ACTOR,
      );
      return { lines: [`Added ${user.email} (${user.id}) to ${workspace.slug} as ${role.data}`] };
    }
    case "create-key": {
      const { values } = parseArgs({
        args: rest,
        options: {
          workspace: { type: "string" },
          name: { type: "string" },
          scopes: { type: "string" },
          "expires-at": { type: "string" },
        },
      });
      const workspace = await workspaceBySlug(values.workspace);
      const scopes = (values.scopes ?? "").split(",").map((s) => s.trim()).filter(Boolean);
      const key = await createApiKey(
        workspace.id,
        { name: values.name ?? "", scopes, expires_at: values["expires-at"] },
        { actor: CLI_ACTOR },
      );
      return { lines: [`Created API key ${key.prefix}… (${key.key_id}) with scopes ${key.scopes.join(",")}`, key.key] };
    }
    case "issue-gateway-key": {
      const { values } = parseArgs({
        args: rest,
        options: {
          workspace: { type: "string" },
          agent: { type: "string" },
          name: { type: "string" },
          crew: { type: "string" },
          "token-limit": { type: "string" },
          "spend-limit": { type: "string" },
        },
      });
      const workspace = await workspaceBySlug(values.workspace);
      const number = (text: string | undefined) => (text === undefined ? undefined : Number(text));
      const issued = await issueGatewayKey(
        workspace.id,
        { name: values.name ?? "", agent_id: values.agent ?? "", crew_id: values.crew, token_limit: number(values["token-limit"]), spend_limit: number(values["spend-limit"]) },
        CLI_ACTOR,
      );
      return { lines: [`Issued gateway key ${issued.prefix}… (${issued.id}) for agent ${issued.agent_id}, session ${issued.session_id}`, issued.key] };
    }
    case "rotate-master-key": {
      const { values } = parseArgs({ args: rest, options: { "new-key": { type: "string" } } });
      const text = values["new-key"] ?? config().WARDEN_NEW_MASTER_KEY;
      if (text !== undefined && !masterKeyText.safeParse(text).success) {
        throw new AppError("invalid_request", "Invalid --new-key: must be 32 bytes in base64 (openssl rand -base64 32)", { field: "new-key" });
      }
      const newKey = text === undefined ? newDataKey() : Buffer.from(text.trim(), "base64");
      const rotated = await rotateMasterKey(newKey, CLI_ACTOR);
      const summary = `Re-wrapped ${rotated.workspaces} workspace data key(s): master key ${rotated.from} → ${rotated.to}`;
      if (rotated.source === "file") return { lines: [summary, `The new key replaced ${config().dataDir}/master.key; back it up.`] };
      // The old key came from WARDEN_MASTER_KEY: the operator must now set the new one.
      return {
        lines: [
          summary,
          "Set WARDEN_MASTER_KEY to the key on the next line and restart every server: until then, servers still holding the old key answer vault reads with 503.",
          newKey.toString("base64"),
        ],
      };
    }
    case undefined:
    case "help":
    case "--help":
      return { lines: [USAGE] };
    default:
      throw new AppError("invalid_request", `Unknown command '${command}'\n\n${USAGE}`, { field: "command" });
  }
}

async function workspaceBySlug(slug: string | undefined) {
  const db = await getDb();
  const workspace = await db.prisma.workspace.findUnique({ where: { slug: slug ?? "" } });
  if (!workspace) throw new AppError("not_found", `Workspace '${slug ?? ""}' not found`, { field: "workspace" });
  return workspace;
}
