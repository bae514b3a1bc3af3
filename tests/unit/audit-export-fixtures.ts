// Pure fixtures for the export tests: a small hash chain of exported rows, its encoded file and
// a manifest signed with a throwaway key, built with the same functions the server uses.
import { randomBytes } from "node:crypto";
import { GENESIS_HASH } from "@/lib/audit/chain-hash";
import { recomputeEntryHash, type ExportFormat, type ExportRow } from "@/lib/audit/export/columns";
import { keyFromSeed, type Ed25519Key } from "@/lib/audit/export/ed25519";
import { ExportDigest, exportChunks } from "@/lib/audit/export/export-chunks";
import { signManifest, type Manifest } from "@/lib/audit/export/manifest";

export const WORKSPACE = { id: "wsp_01JD0000000000000000000000", slug: "acme" };

/** Re-hashes a row after a change, as a forger who knows the hash function would. */
export const rehash = (row: ExportRow, prevHash = row.prev_hash): ExportRow => {
  const changed = { ...row, prev_hash: prevHash };
  return { ...changed, entry_hash: recomputeEntryHash(changed) };
};

export function chain(length: number): ExportRow[] {
  const rows: ExportRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= length; i++) {
    const row = rehash(
      {
        id: `aud_${String(i).padStart(26, "0")}`,
        workspace_id: WORKSPACE.id,
        seq: BigInt(i),
        timestamp: new Date(Date.UTC(2026, 3, 5, 14, 30, i, 7)).toISOString(),
        actor_type: "api_key",
        actor_id: "key_1",
        agent_id: i % 2 === 1 ? "bot" : null,
        session_id: i % 2 === 1 ? "ses_1" : null,
        suggested_by: null,
        tool: i % 3 === 0 ? "" : "stripe",
        action: "payment.authorized",
        decision: i % 2 === 1 ? "ALLOW" : null,
        cost_micros: 1_100_000n * BigInt(i),
        details: `{"n": ${i}, "note": "a, \\"quoted\\"\\nline", "amount": 1.10}`,
        flagged: i === 3,
        flag_reason: i === 3 ? "" : null,
        prev_hash: "",
        entry_hash: "",
      },
      prev,
    );
    rows.push(row);
    prev = row.entry_hash;
  }
  return rows;
}

async function* onePage(rows: ExportRow[]) {
  yield rows;
}

export async function encode(format: ExportFormat, rows: ExportRow[]): Promise<{ text: string; digest: ReturnType<ExportDigest["result"]> }> {
  const digest = new ExportDigest();
  let text = "";
  for await (const chunk of exportChunks(format, onePage(rows))) {
    digest.add(chunk);
    text += chunk.bytes.toString("utf8");
  }
  return { text, digest: digest.result() };
}

export const newKey = (): Ed25519Key => keyFromSeed(randomBytes(32));

export async function exportOf(
  format: ExportFormat,
  rows: ExportRow[],
  options: { key?: Ed25519Key; filter?: Record<string, string>; through?: number; head?: ExportRow } = {},
): Promise<{ text: string; manifest: Manifest; key: Ed25519Key }> {
  const key = options.key ?? newKey();
  const { text, digest } = await encode(format, rows);
  const head = options.head ?? rows.at(-1)!;
  const manifest = signManifest(
    {
      version: 1,
      format,
      workspace: WORKSPACE,
      filter: options.filter ?? {},
      through_seq: options.through ?? Number(head.seq),
      generated_at: "2026-04-05T15:00:00.000Z",
      ...digest,
      chain_head: { seq: Number(head.seq), hash: head.entry_hash },
    },
    key,
  );
  return { text, manifest, key };
}
