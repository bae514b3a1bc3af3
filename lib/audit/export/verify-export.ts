// The offline verifier of an export: no database, no server. Checks the manifest's signature
// (and its key against a pinned one), then reads the file incrementally, recomputing every
// entry's hash and the chain's links (check-chain.ts), and finally compares the file's SHA-256
// with the manifest's. Fails with ExportVerificationError naming the entry when one is to blame.
import { createHash } from "node:crypto";
import { StringDecoder } from "node:string_decoder";
import { ChainChecker, ExportVerificationError } from "./check-chain";
import type { ExportRow } from "./columns";
import { checkManifestSignature, ManifestError, ManifestSchema, type Manifest } from "./manifest";
import { CsvRowReader } from "./parse-csv";
import { JsonlRowReader } from "./parse-jsonl";
import { ExportFormatError } from "./row-from-cells";

export { ExportVerificationError };

export type VerifyOptions = { publicKey?: string };
export type Verification = { manifest: Manifest; keyId: string; warnings: string[]; summary: string };

export function parseManifest(input: unknown): Manifest {
  const parsed = ManifestSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new ExportVerificationError(`The manifest is not a Warden export manifest: ${issue.path.join(".") || "manifest"} ${issue.message}`);
}

/** Starts a verification; feed the file's bytes to write() in order, then call end(). */
export function startVerification(manifestInput: unknown, options: VerifyOptions = {}) {
  const manifest = parseManifest(manifestInput);
  let keyId: string;
  try {
    keyId = checkManifestSignature(manifest, options.publicKey);
  } catch (error) {
    if (error instanceof ManifestError) throw new ExportVerificationError(error.message);
    throw error;
  }
  const warnings =
    options.publicKey === undefined
      ? [`warning: the signing key ${keyId} is asserted only by the manifest itself; pin the key you trust with --public-key <base64>`]
      : [];
  const chain = new ChainChecker(manifest);
  const onRow = (row: ExportRow) => chain.add(row);
  const reader = manifest.format === "csv" ? new CsvRowReader(onRow) : new JsonlRowReader(onRow);
  const sha = createHash("sha256");
  const decoder = new StringDecoder("utf8");
  const guard = (run: () => void) => {
    try {
      run();
    } catch (error) {
      if (error instanceof ExportFormatError) throw new ExportVerificationError(error.message);
      throw error;
    }
  };
  return {
    write(chunk: Buffer) {
      sha.update(chunk);
      guard(() => reader.write(decoder.write(chunk)));
    },
    end(): Verification {
      guard(() => reader.end(decoder.end()));
      const { count, first, last } = chain.finish();
      const digest = sha.digest("hex");
      if (digest !== manifest.file_sha256) {
        throw new ExportVerificationError(`The file's SHA-256 ${digest} is not the manifest's file_sha256 ${manifest.file_sha256}: the file was changed after export`);
      }
      const range = first && last ? `seq ${first.seq}..${last.seq}` : "no entries";
      const scope = chain.isUnfiltered ? "unfiltered" : `filter ${new URLSearchParams(manifest.filter).toString()}`;
      const summary =
        `OK: ${count} entries (${range}) of workspace ${manifest.workspace.slug} through seq ${manifest.through_seq}, ${manifest.format}, ${scope}: ` +
        `entry hashes, chain links, file SHA-256 and Ed25519 signature (key ${keyId}) verified`;
      return { manifest, keyId, warnings, summary };
    },
  };
}

/** Verifies a whole file held in memory (tests, small files). */
export function verifyExport(file: Buffer | string, manifestInput: unknown, options: VerifyOptions = {}): Verification {
  const verification = startVerification(manifestInput, options);
  verification.write(typeof file === "string" ? Buffer.from(file, "utf8") : file);
  return verification.end();
}
