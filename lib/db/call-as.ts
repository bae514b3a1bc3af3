// Calls one of the database's operation functions (warden_check_scope, warden_log_action, ...)
// for a caller that is either already resolved (a workspace and an actor) or still an API-key
// credential. For a credential, authentication and the operation run in one statement —
// warden_authenticate_key, then the operation only when the key is good (CASE never evaluates
// the branch it does not take) — so a hot agent request costs one database round trip.
import type { Actor } from "@/lib/audit/append-events";
import { keyFromRow, type KeyCredential, type KeyRow } from "@/lib/keys/authenticate-api-key";
import { sql } from "./client";

export type Principal = { workspaceId: string; actor: Actor } | { credential: KeyCredential };

/** Stand-ins for the caller's workspace and actor in an operation's argument list. */
export const WORKSPACE = Symbol("workspace");
export const ACTOR_TYPE = Symbol("actor type");
export const ACTOR_ID = Symbol("actor id");
type Arg = unknown | typeof WORKSPACE | typeof ACTOR_TYPE | typeof ACTOR_ID;

/**
 * The operation's single result row, as JSON (bigint columns arrive as numbers, timestamps as
 * ISO strings). `fn` is the name of a database function, never input.
 */
export async function callAs<T>(principal: Principal, fn: string, args: Arg[]): Promise<T> {
  const params: unknown[] = [];
  const bind = (value: unknown) => `$${params.push(value)}`;
  if ("credential" in principal) {
    const { credential } = principal;
    bind(credential.hash);
    bind(credential.granting);
    const list = args.map((a) => (a === WORKSPACE ? "k.workspace_id" : a === ACTOR_TYPE ? "'api_key'" : a === ACTOR_ID ? "k.key_id" : bind(a)));
    const [row] = await sql<KeyRow & { result: T | null }>(
      `SELECT k.*, CASE WHEN k.status = 'ok' THEN (SELECT row_to_json(r) FROM ${fn}(${list.join(", ")}) r) END AS result
       FROM warden_authenticate_key($1, $2) k`,
      params,
      { statement: `${fn}:key` },
    );
    keyFromRow(row!, credential);
    return row!.result!;
  }
  const list = args.map((a) => bind(a === WORKSPACE ? principal.workspaceId : a === ACTOR_TYPE ? principal.actor.type : a === ACTOR_ID ? principal.actor.id : a));
  const [row] = await sql<{ result: T }>(`SELECT row_to_json(r) AS result FROM ${fn}(${list.join(", ")}) r`, params, {
    statement: fn,
  });
  return row!.result;
}
