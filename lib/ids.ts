// Type-prefixed, time-ordered identifiers ("ses_01JD…"), so a log line says what it refers to.
// The body is a ULID: 48 bits of milliseconds and 80 random bits in Crockford base32.
import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export const ID_PREFIXES = {
  workspace: "wsp",
  user: "usr",
  membership: "mem",
  invitation: "inv",
  apiKey: "key",
  audit: "aud",
  session: "ses",
  authorization: "auth",
  approval: "apr",
  secret: "sec",
  policy: "pol",
  agent: "agt",
  crew: "crw",
  webhook: "whk",
  delivery: "dlv",
  message: "msg",
  gatewayKey: "gwk",
  gatewayProvider: "gwp",
  gatewayCall: "llm",
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

function encodeTime(ms: number): string {
  let out = "";
  let value = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[value % 32] + out;
    value = Math.floor(value / 32);
  }
  return out;
}

function encodeRandom(): string {
  const bytes = randomBytes(16);
  let out = "";
  for (let i = 0; i < 16; i++) out += ALPHABET[bytes[i] % 32];
  return out;
}

export function newId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${encodeTime(Date.now())}${encodeRandom()}`;
}

/** Random URL-safe token of the given byte length, for keys and invitation links. */
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString("base64url");
}
