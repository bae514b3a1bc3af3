// The chain checks an offline verifier runs over an export's rows, in file order, against its
// (already signature-checked) manifest: each entry's hash recomputed from its fields, ascending
// seqs, links between consecutive seqs, and for an unfiltered export a gapless chain from the
// genesis to through_seq; then count, first, last and chain head against the manifest.
import { GENESIS_HASH } from "@/lib/audit/chain-hash";
import { recomputeEntryHash, type ExportRow } from "./columns";
import type { Manifest } from "./manifest";

/** A verification failure; `at` names the entry when one is to blame. */
export class ExportVerificationError extends Error {
  constructor(
    message: string,
    readonly at: { seq: number; entry_id: string } | null = null,
  ) {
    super(message);
  }
}

const name = (row: ExportRow) => `Entry ${row.id} (seq ${row.seq})`;

export class ChainChecker {
  private count = 0;
  private first: ExportRow | null = null;
  private previous: ExportRow | null = null;
  readonly isUnfiltered: boolean;

  constructor(private readonly manifest: Manifest) {
    this.isUnfiltered = Object.keys(manifest.filter).length === 0;
  }

  private fail(row: ExportRow, message: string): never {
    throw new ExportVerificationError(message, { seq: Number(row.seq), entry_id: row.id });
  }

  add(row: ExportRow): void {
    const { manifest, previous } = this;
    if (recomputeEntryHash(row) !== row.entry_hash) this.fail(row, `${name(row)} was modified: its entry_hash does not match its fields`);
    if (row.workspace_id !== manifest.workspace.id) {
      this.fail(row, `${name(row)} belongs to workspace ${row.workspace_id}, not to the manifest's ${manifest.workspace.id}`);
    }
    if (row.seq > BigInt(manifest.through_seq)) this.fail(row, `${name(row)} is beyond the manifest's through_seq ${manifest.through_seq}`);
    if (previous && row.seq <= previous.seq) this.fail(row, `${name(row)} is out of order: it follows seq ${previous.seq}`);
    if (this.isUnfiltered) {
      const expected = previous ? previous.seq + 1n : 1n;
      if (row.seq !== expected) {
        this.fail(row, `Entries are missing before ${name(row)}: the unfiltered export goes from seq ${expected - 1n} to seq ${row.seq}`);
      }
      if (!previous && row.prev_hash !== GENESIS_HASH) this.fail(row, `${name(row)} does not start the chain: its prev_hash is not the genesis hash`);
    }
    if (previous && row.seq === previous.seq + 1n && row.prev_hash !== previous.entry_hash) {
      this.fail(row, `${name(row)} does not link to seq ${previous.seq}: its prev_hash is not that entry's hash`);
    }
    this.first ??= row;
    this.previous = row;
    this.count += 1;
  }

  /** After the last row: the file as a whole against the manifest. */
  finish(): { count: number; first: ExportRow | null; last: ExportRow | null } {
    const { manifest, first, previous: last, count } = this;
    if (count !== manifest.entry_count) throw new ExportVerificationError(`The file holds ${count} entries but the manifest says ${manifest.entry_count}`);
    const same = (row: ExportRow | null, ref: Manifest["first"]) =>
      row === null ? ref === null : ref !== null && BigInt(ref.seq) === row.seq && ref.entry_hash === row.entry_hash;
    if (!same(first, manifest.first)) throw new ExportVerificationError(`The file's first entry is not the manifest's first ${JSON.stringify(manifest.first)}`, first && { seq: Number(first.seq), entry_id: first.id });
    if (!same(last, manifest.last)) throw new ExportVerificationError(`The file's last entry is not the manifest's last ${JSON.stringify(manifest.last)}`, last && { seq: Number(last.seq), entry_id: last.id });
    if (manifest.chain_head.seq !== manifest.through_seq) {
      throw new ExportVerificationError(`The manifest's chain_head (seq ${manifest.chain_head.seq}) is not at its through_seq ${manifest.through_seq}`);
    }
    if (this.isUnfiltered && (last ? Number(last.seq) : 0) !== manifest.through_seq) {
      throw new ExportVerificationError(`The unfiltered export ends at seq ${last?.seq ?? 0}, not at through_seq ${manifest.through_seq}: the newest entries are missing`);
    }
    const headHash = last && Number(last.seq) === manifest.through_seq ? last.entry_hash : manifest.through_seq === 0 ? GENESIS_HASH : null;
    if (headHash !== null && headHash !== manifest.chain_head.hash) {
      throw new ExportVerificationError(`The chain head at seq ${manifest.through_seq} is not the manifest's chain_head hash`, last && { seq: Number(last.seq), entry_id: last.id });
    }
    return { count, first, last };
  }
}
