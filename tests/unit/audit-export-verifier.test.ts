import { describe, expect, it } from "vitest";
import { ExportVerificationError, verifyExport } from "@/lib/audit/export/verify-export";
import { csvRow, jsonlLine } from "@/lib/audit/export/encode";
import { signManifest } from "@/lib/audit/export/manifest";
import { chain, exportOf, newKey, rehash } from "./audit-export-fixtures";

const rows = chain(6);
const lines = (text: string, separator: string) => text.split(separator);

function failure(run: () => unknown): ExportVerificationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ExportVerificationError);
    return error as ExportVerificationError;
  }
  throw new Error("verification passed but should have failed");
}

describe.each(["csv", "jsonl"] as const)("the offline export verifier on %s", (format) => {
  const separator = format === "csv" ? "\r\n" : "\n";
  const lineOf = format === "csv" ? csvRow : jsonlLine;
  // In the CSV the header is line 0; entry n is on line n. In JSON Lines entry n is on line n-1.
  const lineIndex = (seq: number) => (format === "csv" ? seq : seq - 1);

  it("verifies an untouched unfiltered export with a one-line summary", async () => {
    const { text, manifest, key } = await exportOf(format, rows);
    const result = verifyExport(text, manifest, { publicKey: key.publicKey });
    expect(result.summary).toBe(
      `OK: 6 entries (seq 1..6) of workspace acme through seq 6, ${format}, unfiltered: entry hashes, chain links, file SHA-256 and Ed25519 signature (key ${key.keyId}) verified`,
    );
    expect(result.warnings).toEqual([]);
  });

  it("warns that the key is only asserted by the manifest when no key is pinned, naming its key_id", async () => {
    const { text, manifest, key } = await exportOf(format, rows);
    const { warnings } = verifyExport(text, manifest);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`signing key ${key.keyId} is asserted only by the manifest itself`));
  });

  it("verifies a filtered export whose seqs have gaps", async () => {
    const subset = [rows[0]!, rows[2]!, rows[3]!];
    const { text, manifest } = await exportOf(format, subset, { filter: { agent: "bot" }, through: 6, head: rows[5]! });
    expect(verifyExport(text, manifest).summary).toMatch(/^OK: 3 entries \(seq 1\.\.4\) .* filter agent=bot:/);
  });

  it("names the entry whose cell was modified", async () => {
    const { text, manifest } = await exportOf(format, rows);
    const parts = lines(text, separator);
    parts[lineIndex(3)] = lineOf({ ...rows[2]!, cost_micros: 1n }).replace(/\r?\n$/, "");
    const error = failure(() => verifyExport(parts.join(separator), manifest));
    expect(error.message).toBe(`Entry ${rows[2]!.id} (seq 3) was modified: its entry_hash does not match its fields`);
    expect(error.at).toEqual({ seq: 3, entry_id: rows[2]!.id });
  });

  it("notices details whose digits changed (1.10 → 1.1)", async () => {
    const { text, manifest } = await exportOf(format, rows);
    const parts = lines(text, separator);
    parts[lineIndex(2)] = parts[lineIndex(2)]!.replace("1.10", "1.1");
    expect(failure(() => verifyExport(parts.join(separator), manifest)).at).toEqual({ seq: 2, entry_id: rows[1]!.id });
  });

  it("notices null turned into an empty string", async () => {
    const { text, manifest } = await exportOf(format, rows);
    const parts = lines(text, separator);
    parts[lineIndex(2)] = lineOf({ ...rows[1]!, decision: "" }).replace(/\r?\n$/, "");
    expect(failure(() => verifyExport(parts.join(separator), manifest)).message).toMatch(/^Entry aud_0+2 \(seq 2\) was modified/);
  });

  it("names the entry after a deleted line", async () => {
    const { text, manifest } = await exportOf(format, rows);
    const parts = lines(text, separator);
    parts.splice(lineIndex(3), 1);
    const error = failure(() => verifyExport(parts.join(separator), manifest));
    expect(error.message).toBe(`Entries are missing before Entry ${rows[3]!.id} (seq 4): the unfiltered export goes from seq 2 to seq 4`);
    expect(error.at).toEqual({ seq: 4, entry_id: rows[3]!.id });
  });

  it("names the entry out of place after two lines were swapped", async () => {
    const { text, manifest } = await exportOf(format, rows);
    const parts = lines(text, separator);
    [parts[lineIndex(4)], parts[lineIndex(5)]] = [parts[lineIndex(5)]!, parts[lineIndex(4)]!];
    expect(failure(() => verifyExport(parts.join(separator), manifest)).at).toEqual({ seq: 5, entry_id: rows[4]!.id });
  });

  it("refuses lines out of order in a filtered export", async () => {
    const { text, manifest } = await exportOf(format, [rows[0]!, rows[2]!, rows[4]!], { filter: { tool: "stripe" }, through: 6, head: rows[5]! });
    const parts = lines(text, separator);
    [parts[lineIndex(2)], parts[lineIndex(3)]] = [parts[lineIndex(3)]!, parts[lineIndex(2)]!];
    expect(failure(() => verifyExport(parts.join(separator), manifest)).message).toBe(`Entry ${rows[2]!.id} (seq 3) is out of order: it follows seq 5`);
  });

  it("refuses a forged entry re-hashed by someone who knows the hash: the next entry no longer links", async () => {
    const forged = [...rows];
    forged[2] = rehash({ ...rows[2]!, cost_micros: 0n });
    const { text, manifest } = await exportOf(format, forged);
    expect(failure(() => verifyExport(text, manifest)).message).toBe(
      `Entry ${rows[3]!.id} (seq 4) does not link to seq 3: its prev_hash is not that entry's hash`,
    );
  });

  it("notices a missing tail: the count no longer matches the manifest", async () => {
    const { text, manifest } = await exportOf(format, rows);
    const parts = lines(text, separator);
    parts.splice(lineIndex(6), 1);
    expect(failure(() => verifyExport(parts.join(separator), manifest)).message).toBe("The file holds 5 entries but the manifest says 6");
  });

  it("notices bytes changed without changing any entry, by the file's SHA-256", async () => {
    const { text, manifest } = await exportOf(format, rows);
    // CSV: the last line ends with LF instead of CRLF; JSON Lines: a space inside the first object.
    const tampered = format === "csv" ? `${text.slice(0, -2)}\n` : text.replace('{"id":', '{ "id":');
    expect(failure(() => verifyExport(tampered, manifest)).message).toMatch(/^The file's SHA-256 [0-9a-f]{64} is not the manifest's file_sha256/);
  });

  it("refuses a changed manifest: the signature no longer matches", async () => {
    const { text, manifest } = await exportOf(format, rows, { filter: { tool: "stripe" } });
    for (const changed of [{ ...manifest, entry_count: 5 }, { ...manifest, filter: {} }, { ...manifest, generated_at: "2027-01-01T00:00:00.000Z" }]) {
      expect(failure(() => verifyExport(text, changed)).message).toMatch(/^The manifest's signature is invalid: the manifest was changed after it was signed/);
    }
  });

  it("refuses a manifest re-signed with another key when the right key is pinned", async () => {
    const { text, manifest, key } = await exportOf(format, rows);
    const other = newKey();
    const { signature: _signature, signing: _signing, ...body } = manifest;
    const resigned = signManifest(body, other);
    expect(verifyExport(text, resigned).warnings).toHaveLength(1);
    expect(failure(() => verifyExport(text, resigned, { publicKey: key.publicKey })).message).toBe(
      `The manifest is signed by key ${other.keyId}, not by the pinned key ${key.keyId}`,
    );
  });

  it("refuses a manifest whose key_id is not its public key's", async () => {
    const { text, manifest } = await exportOf(format, rows);
    const wrongId = { ...manifest, signing: { ...manifest.signing, key_id: "0000000000000000" } };
    expect(failure(() => verifyExport(text, wrongId)).message).toMatch(/key_id 0000000000000000 is not its public key's id/);
  });

  it("refuses an unfiltered export that does not start at seq 1", async () => {
    const { text, manifest } = await exportOf(format, rows.slice(1));
    expect(failure(() => verifyExport(text, manifest)).message).toBe(
      `Entries are missing before Entry ${rows[1]!.id} (seq 2): the unfiltered export goes from seq 0 to seq 2`,
    );
  });

  it("refuses a manifest that is not one", async () => {
    const { text, manifest } = await exportOf(format, rows);
    expect(failure(() => verifyExport(text, { ...manifest, file_sha256: "x" })).message).toMatch(/^The manifest is not a Warden export manifest: file_sha256/);
  });
});

describe("the verifier's format errors", () => {
  it("names the CSV record and entry of a malformed cell", async () => {
    const { text, manifest } = await exportOf("csv", rows);
    const broken = text.replace(",3300000,", ',"3300000",');
    expect(failure(() => verifyExport(broken, manifest)).message).toBe(`CSV record 4 (entry ${rows[2]!.id}, seq 3): column cost_micros must be a bare integer`);
  });

  it("names the JSON Lines line that is not JSON", async () => {
    const { text, manifest } = await exportOf("jsonl", rows);
    const broken = text.replace('"seq":2,', '"seq":2,,');
    expect(failure(() => verifyExport(broken, manifest)).message).toMatch(/^JSON Lines line 2: not a JSON object/);
  });
});
