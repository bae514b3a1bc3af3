// The published versions in force in a workspace, compiled. Which version is in force is read
// from the database on every evaluation (a publish takes effect at once, in every process); the
// compiled form of a version is cached, as versions never change.
import { sql } from "@/lib/db/client";
import { compilePolicy, type CompiledPolicy } from "./evaluate-action";
import type { PolicyDocument } from "./schemas";

const compiled = new Map<string, CompiledPolicy>();
const MAX_CACHED = 2000;

export async function policiesInForce(workspaceId: string): Promise<CompiledPolicy[]> {
  const rows = await sql<{ id: string; version: number; document: PolicyDocument }>(
    `SELECT p.id, v.version, v.document FROM policies p
     JOIN policy_versions v ON v.policy_id = p.id AND v.version = p.published_version
     WHERE p.workspace_id = $1 ORDER BY p.id`,
    [workspaceId],
  );
  return rows.map((row) => {
    const key = `${row.id}:${row.version}`;
    let policy = compiled.get(key);
    if (!policy) {
      if (compiled.size >= MAX_CACHED) compiled.clear();
      policy = compilePolicy(row.id, row.version, row.document);
      compiled.set(key, policy);
    }
    return policy;
  });
}
