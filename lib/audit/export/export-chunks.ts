// The bytes of an export, chunk by chunk (one chunk per page of rows), and the digest of what
// was produced: the download and the manifest both run this over the same range, so the
// manifest's SHA-256, count, first and last describe exactly the downloaded file.
import { createHash } from "node:crypto";
import type { ExportFormat, ExportRow } from "./columns";
import { encoderFor } from "./encode";

export type ExportChunk = { bytes: Buffer; rows: readonly ExportRow[] };

export async function* exportChunks(format: ExportFormat, pages: AsyncIterable<ExportRow[]>): AsyncGenerator<ExportChunk> {
  const encoder = encoderFor(format);
  if (encoder.header) yield { bytes: Buffer.from(encoder.header, "utf8"), rows: [] };
  for await (const rows of pages) yield { bytes: Buffer.from(encoder.rows(rows), "utf8"), rows };
}

export type EntryRef = { seq: number; entry_hash: string };
export type DigestResult = { entry_count: number; first: EntryRef | null; last: EntryRef | null; file_sha256: string };

const refOf = (row: ExportRow): EntryRef => ({ seq: Number(row.seq), entry_hash: row.entry_hash });

export class ExportDigest {
  private readonly sha = createHash("sha256");
  private count = 0;
  private first: EntryRef | null = null;
  private last: EntryRef | null = null;

  add(chunk: ExportChunk): void {
    this.sha.update(chunk.bytes);
    this.count += chunk.rows.length;
    if (chunk.rows.length > 0) {
      this.first ??= refOf(chunk.rows[0]!);
      this.last = refOf(chunk.rows.at(-1)!);
    }
  }

  get entryCount(): number {
    return this.count;
  }

  result(): DigestResult {
    return { entry_count: this.count, first: this.first, last: this.last, file_sha256: this.sha.digest("hex") };
  }
}
