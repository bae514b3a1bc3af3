// The export manifest: what the file holds (range, count, first and last entry, SHA-256) and an
// Ed25519 signature over the canonical serialisation of every other field. Pure: the server
// signs with it, the offline verifier (CLI) checks with it.
import { z } from "zod";
import { EXPORT_FORMATS } from "./columns";
import { keyIdOf, rawPublicKey, signText, verifyText, type Ed25519Key } from "./ed25519";

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits");
const seq = z.number().int().nonnegative();
const EntryRef = z.object({ seq, entry_hash: hex64 }).strict();

export const ManifestSchema = z
  .object({
    version: z.literal(1),
    format: z.enum(EXPORT_FORMATS),
    workspace: z.object({ id: z.string().min(1), slug: z.string().min(1) }).strict(),
    /** The audit filter as search parameters (only those set); {} for an unfiltered export. */
    filter: z.record(z.string(), z.string()),
    through_seq: seq,
    generated_at: z.string(),
    entry_count: seq,
    first: EntryRef.nullable(),
    last: EntryRef.nullable(),
    file_sha256: hex64,
    /** The chain's head as of through_seq: the entry at that seq (seq 0: the genesis hash). */
    chain_head: z.object({ seq, hash: hex64 }).strict(),
    signing: z.object({ algorithm: z.literal("Ed25519"), key_id: z.string(), public_key: z.string() }).strict(),
    signature: z.string(),
  })
  .strict();

export type Manifest = z.infer<typeof ManifestSchema>;
export type UnsignedManifest = Omit<Manifest, "signature" | "signing">;

/**
 * Canonical JSON: object keys sorted (by UTF-16 code units, as Array.prototype.sort does),
 * no whitespace, strings and integers as JSON.stringify writes them. For the values a
 * manifest holds (strings, integers, null, objects) this is RFC 8785's canonical form.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(",")}}`;
}

/** The signed bytes: the canonical JSON of the manifest without its `signature` field. */
export function signedText(manifest: Omit<Manifest, "signature">): string {
  return canonicalJson(manifest);
}

export function signManifest(body: UnsignedManifest, key: Ed25519Key): Manifest {
  const withKey = { ...body, signing: { algorithm: "Ed25519" as const, key_id: key.keyId, public_key: key.publicKey } };
  return { ...withKey, signature: signText(key, signedText(withKey)) };
}

export class ManifestError extends Error {}

/**
 * Checks the signature with the manifest's own public key, and that this key is the pinned one
 * when given. Returns the key id. Throws ManifestError saying what is wrong.
 */
export function checkManifestSignature(manifest: Manifest, pinnedPublicKey?: string): string {
  const raw = rawPublicKey(manifest.signing.public_key);
  if (!raw) throw new ManifestError("The manifest's public key is not a 32-byte base64 Ed25519 key");
  const keyId = keyIdOf(raw);
  if (manifest.signing.key_id !== keyId) {
    throw new ManifestError(`The manifest's key_id ${manifest.signing.key_id} is not its public key's id (${keyId})`);
  }
  if (pinnedPublicKey !== undefined) {
    const pinned = rawPublicKey(pinnedPublicKey);
    if (!pinned) throw new ManifestError("--public-key is not a 32-byte base64 Ed25519 public key");
    if (!pinned.equals(raw)) {
      throw new ManifestError(`The manifest is signed by key ${keyId}, not by the pinned key ${keyIdOf(pinned)}`);
    }
  }
  const { signature, ...rest } = manifest;
  if (!verifyText(raw, signedText(rest), signature)) {
    throw new ManifestError(`The manifest's signature is invalid: the manifest was changed after it was signed (key ${keyId})`);
  }
  return keyId;
}
