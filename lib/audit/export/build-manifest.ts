// The manifest of an export: the same range encoded again (streamed, never buffered) to count
// it and hash it, the chain head as of `through`, signed with the export signing key.
import { GENESIS_HASH } from "@/lib/audit/chain-hash";
import { AppError } from "@/lib/errors";
import { filterRecord } from "./export-params";
import { ExportDigest, exportChunks } from "./export-chunks";
import { signManifest, type Manifest } from "./manifest";
import { entryHashAt, readExportPages } from "./read-export-rows";
import type { ResolvedExport } from "./resolve-export";
import { exportSigningKey } from "./signing-key";

export async function buildManifest(resolved: ResolvedExport, workspace: { id: string; slug: string }): Promise<Manifest> {
  const digest = new ExportDigest();
  for await (const chunk of exportChunks(resolved.format, readExportPages(resolved))) digest.add(chunk);
  const headHash = resolved.through === 0 ? GENESIS_HASH : await entryHashAt(resolved.workspaceId, resolved.through);
  if (headHash === null) throw new AppError("conflict", `The audit chain has no entry at seq ${resolved.through}`);
  return signManifest(
    {
      version: 1,
      format: resolved.format,
      workspace: { id: workspace.id, slug: workspace.slug },
      filter: filterRecord(resolved.filter),
      through_seq: resolved.through,
      generated_at: new Date().toISOString(),
      ...digest.result(),
      chain_head: { seq: resolved.through, hash: headHash },
    },
    exportSigningKey(),
  );
}
