// Envelope encryption for the vault. Secret values are encrypted with AES-256-GCM under their
// workspace's data key, with a fresh random 96-bit nonce per version and additional
// authenticated data binding workspace, secret name and version, so a ciphertext moved to
// another row (or another workspace) fails to decrypt. Each data key is itself encrypted
// ("wrapped") with AES-256-GCM under the master key, bound to its workspace the same way.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const ALGORITHM = "aes-256-gcm";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

export type Sealed = { nonce: Buffer; ciphertext: Buffer; tag: Buffer };

/** The ciphertext, nonce or tag does not authenticate under this key and additional data. */
export class IntegrityError extends Error {}

export function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Sealed {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES }).setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { nonce, ciphertext, tag: cipher.getAuthTag() };
}

export function open(key: Buffer, sealed: Sealed, aad: Buffer): Buffer {
  if (sealed.nonce.length !== NONCE_BYTES || sealed.tag.length !== TAG_BYTES) throw new IntegrityError("malformed nonce or tag");
  try {
    const decipher = createDecipheriv(ALGORITHM, key, sealed.nonce, { authTagLength: TAG_BYTES }).setAAD(aad).setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch {
    throw new IntegrityError("authentication failed");
  }
}

export const secretAad = (workspaceId: string, name: string, version: number) =>
  Buffer.from(`warden/secret/v1\0${workspaceId}\0${name}\0${version}`, "utf8");

const dataKeyAad = (workspaceId: string) => Buffer.from(`warden/data-key/v1\0${workspaceId}`, "utf8");

/** nonce | encrypted data key | tag, as stored in vault_keys.wrapped_key. */
export function wrapDataKey(masterKey: Buffer, dataKey: Buffer, workspaceId: string): Buffer {
  const { nonce, ciphertext, tag } = seal(masterKey, dataKey, dataKeyAad(workspaceId));
  return Buffer.concat([nonce, ciphertext, tag]);
}

export function unwrapDataKey(masterKey: Buffer, wrapped: Buffer, workspaceId: string): Buffer {
  const sealed = {
    nonce: wrapped.subarray(0, NONCE_BYTES),
    ciphertext: wrapped.subarray(NONCE_BYTES, wrapped.length - TAG_BYTES),
    tag: wrapped.subarray(wrapped.length - TAG_BYTES),
  };
  return open(masterKey, sealed, dataKeyAad(workspaceId));
}

export const newDataKey = () => randomBytes(KEY_BYTES);

/** Names a master key without revealing it: the first 16 hex digits of its SHA-256. */
export const fingerprint = (masterKey: Buffer) => createHash("sha256").update(masterKey).digest("hex").slice(0, 16);
