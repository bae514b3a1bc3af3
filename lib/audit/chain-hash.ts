// The audit chain's hash, as the database computes it (warden_entry_hash in the migrations):
// SHA-256 (hex) over PostgreSQL's jsonb text form of the entry's fields, previous hash
// included. This is the same computation in TypeScript, for offline verification and tests;
// docs/audit-chain.md specifies it for auditors. One canonical text (canonicalText) serves both
// rows read from the database (ChainFields) and exported rows, whose details arrive as the
// database's jsonb text (RawJsonb) and must be hashed verbatim.
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export type ChainFields = {
  id: string;
  workspaceId: string;
  seq: bigint;
  createdAt: Date;
  actorType: string;
  actorId: string;
  agentId: string | null;
  sessionId: string | null;
  suggestedBy: string | null;
  tool: string;
  action: string;
  decision: string | null;
  costMicros: bigint;
  details: unknown;
  flagged: boolean;
  flagReason: string | null;
  prevHash: string;
};

/**
 * A jsonb value carried as PostgreSQL's text form (`details::text`) and written verbatim: a
 * JSON parse would lose digits that jsonb keeps (1.10), and the hash covers that text.
 */
export class RawJsonb {
  constructor(readonly text: string) {}
}

type Json = null | boolean | number | string | RawJsonb | Json[] | { [key: string]: Json };

/** An entry's chain fields under their canonical names (the keys the hash covers). */
export type CanonicalFields = {
  id: string;
  workspace_id: string;
  seq: bigint;
  /** ISO-8601 UTC with milliseconds, as the database writes it. */
  timestamp: string;
  actor_type: string;
  actor_id: string;
  agent_id: string | null;
  session_id: string | null;
  suggested_by: string | null;
  tool: string;
  action: string;
  decision: string | null;
  cost_micros: bigint;
  details: unknown;
  flagged: boolean;
  flag_reason: string | null;
  prev_hash: string;
};

function jsonbString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A number as PostgreSQL's numeric prints it: plain decimal notation, never an exponent. */
function jsonbNumber(value: number | bigint): string {
  if (typeof value === "bigint") return value.toString();
  if (!Number.isFinite(value)) throw new Error("non-finite numbers cannot be stored as JSON");
  const text = String(value);
  if (!/e/i.test(text)) return text;
  const [mantissa, exponentText] = text.toLowerCase().split("e");
  const exponent = Number(exponentText);
  const negative = mantissa!.startsWith("-");
  const [intPart, fracPart = ""] = mantissa!.replace("-", "").split(".");
  const digits = intPart! + fracPart;
  const point = intPart!.length + exponent;
  const plain =
    point <= 0 ? `0.${"0".repeat(-point)}${digits}` : point >= digits.length ? digits + "0".repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${plain}` : plain;
}

const byteLength = (s: string) => Buffer.byteLength(s, "utf8");

/** jsonb's key order: shorter keys first (in bytes), then bytewise. */
function compareKeys(a: string, b: string): number {
  const lengths = byteLength(a) - byteLength(b);
  return lengths !== 0 ? lengths : Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** PostgreSQL's text output of a jsonb value built from this JSON value. */
export function jsonbText(value: Json | bigint | undefined): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof RawJsonb) return value.text;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number" || typeof value === "bigint") return jsonbNumber(value);
  if (typeof value === "string") return jsonbString(value);
  if (Array.isArray(value)) return `[${value.map((item) => jsonbText(item)).join(", ")}]`;
  const keys = Object.keys(value).sort(compareKeys);
  return `{${keys.map((key) => `${jsonbString(key)}: ${jsonbText(value[key])}`).join(", ")}}`;
}

/** The canonical text of an entry: its fields as one jsonb object's text. */
export function canonicalText(fields: CanonicalFields): string {
  return jsonbText({ ...fields, details: (fields.details ?? {}) as Json } as unknown as Json);
}

export function hashCanonical(fields: CanonicalFields): string {
  return createHash("sha256").update(canonicalText(fields)).digest("hex");
}

export function canonicalEntry(e: ChainFields): string {
  return canonicalText({
    id: e.id,
    workspace_id: e.workspaceId,
    seq: e.seq,
    timestamp: e.createdAt.toISOString(),
    actor_type: e.actorType,
    actor_id: e.actorId,
    agent_id: e.agentId,
    session_id: e.sessionId,
    suggested_by: e.suggestedBy,
    tool: e.tool,
    action: e.action,
    decision: e.decision,
    cost_micros: e.costMicros,
    details: e.details,
    flagged: e.flagged,
    flag_reason: e.flagReason,
    prev_hash: e.prevHash,
  });
}

export function entryHash(e: ChainFields): string {
  return createHash("sha256").update(canonicalEntry(e)).digest("hex");
}
