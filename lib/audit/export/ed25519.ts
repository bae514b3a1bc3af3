// Ed25519 keys from their raw 32-byte forms with node:crypto (no dependencies, works offline).
// A key id is the first 16 hex digits of SHA-256 of the raw public key.
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";

// DER prefixes of PKCS#8 (private) and SPKI (public) Ed25519 keys; the raw 32 bytes follow.
const PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

export type Ed25519Key = { privateKey: KeyObject; publicKey: string; keyId: string };

export function keyFromSeed(seed: Buffer): Ed25519Key {
  if (seed.length !== 32) throw new Error("an Ed25519 seed is 32 bytes");
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" });
  const spki = createPublicKey(privateKey).export({ format: "der", type: "spki" });
  const raw = spki.subarray(SPKI_PREFIX.length);
  return { privateKey, publicKey: raw.toString("base64"), keyId: keyIdOf(raw) };
}

export const keyIdOf = (rawPublicKey: Buffer) => createHash("sha256").update(rawPublicKey).digest("hex").slice(0, 16);

/** The raw public key from base64, or null if it is not 32 bytes of base64. */
export function rawPublicKey(base64: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64.trim())) return null;
  const raw = Buffer.from(base64.trim(), "base64");
  return raw.length === 32 ? raw : null;
}

export function signText(key: Ed25519Key, text: string): string {
  return sign(null, Buffer.from(text, "utf8"), key.privateKey).toString("base64");
}

export function verifyText(rawPublic: Buffer, text: string, signatureBase64: string): boolean {
  const publicKey = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, rawPublic]), format: "der", type: "spki" });
  const signature = Buffer.from(signatureBase64, "base64");
  if (signature.length !== 64) return false;
  return verify(null, Buffer.from(text, "utf8"), publicKey, signature);
}
