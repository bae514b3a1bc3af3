import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalEntry, entryHash, GENESIS_HASH, type ChainFields } from "@/lib/audit/chain-hash";

const entry: ChainFields = {
  id: "aud_01JD0000000000000000000000",
  workspaceId: "wsp_01JD0000000000000000000000",
  seq: 7n,
  createdAt: new Date("2026-04-05T14:30:01.123Z"),
  actorType: "api_key",
  actorId: "key_01JD0000000000000000000000",
  agentId: "agt_01JD0000000000000000000000",
  sessionId: null,
  suggestedBy: null,
  tool: "stripe",
  action: "payment.authorized",
  decision: "allow",
  costMicros: 12_500_000n,
  details: { b: 2, a: { d: [1, "x"], c: null } },
  flagged: false,
  flagReason: null,
  prevHash: "ab".repeat(32),
};

describe("audit chain hash", () => {
  it("starts every chain from 64 zeros", () => {
    expect(GENESIS_HASH).toBe("0".repeat(64));
  });

  it("serialises an entry as RFC 8785 canonical JSON with the documented keys", () => {
    expect(canonicalEntry(entry)).toBe(
      '{"action":"payment.authorized","actor_id":"key_01JD0000000000000000000000","actor_type":"api_key",' +
        '"agent_id":"agt_01JD0000000000000000000000","cost_micros":12500000,"decision":"allow",' +
        '"details":{"a":{"c":null,"d":[1,"x"]},"b":2},"flag_reason":null,"flagged":false,' +
        '"id":"aud_01JD0000000000000000000000","prev_hash":"' +
        "ab".repeat(32) +
        '","seq":7,"session_id":null,"suggested_by":null,"timestamp":"2026-04-05T14:30:01.123Z",' +
        '"tool":"stripe","workspace_id":"wsp_01JD0000000000000000000000"}',
    );
  });

  it("is the lowercase hex SHA-256 of the canonical JSON", () => {
    const expected = createHash("sha256").update(canonicalEntry(entry), "utf8").digest("hex");
    expect(entryHash(entry)).toBe(expected);
    expect(entryHash(entry)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is deterministic", () => {
    expect(entryHash({ ...entry })).toBe(entryHash(entry));
    expect(entryHash({ ...entry, createdAt: new Date(entry.createdAt.getTime()) })).toBe(entryHash(entry));
  });

  it("does not depend on the key order of details", () => {
    const reordered = { ...entry, details: { a: { c: null, d: [1, "x"] }, b: 2 } };
    expect(entryHash(reordered)).toBe(entryHash(entry));
  });

  it("depends on the order of arrays inside details", () => {
    const reordered = { ...entry, details: { b: 2, a: { d: ["x", 1], c: null } } };
    expect(entryHash(reordered)).not.toBe(entryHash(entry));
  });

  const changes: { [K in keyof ChainFields]: ChainFields[K] } = {
    id: "aud_01JD0000000000000000000001",
    workspaceId: "wsp_01JD0000000000000000000001",
    seq: 8n,
    createdAt: new Date("2026-04-05T14:30:01.124Z"),
    actorType: "user",
    actorId: "key_01JD0000000000000000000001",
    agentId: null,
    sessionId: "ses_01JD0000000000000000000000",
    suggestedBy: "agt_01JD0000000000000000000009",
    tool: "stripe2",
    action: "payment.denied",
    decision: null,
    costMicros: 12_500_001n,
    details: { b: 3, a: { d: [1, "x"], c: null } },
    flagged: true,
    flagReason: "velocity",
    prevHash: "cd".repeat(32),
  };

  it.each(Object.keys(changes) as (keyof ChainFields)[])("changes when %s changes", (field) => {
    expect(entryHash({ ...entry, [field]: changes[field] })).not.toBe(entryHash(entry));
  });

  it("distinguishes null from an empty string", () => {
    expect(entryHash({ ...entry, decision: "" })).not.toBe(entryHash({ ...entry, decision: null }));
  });
});
