import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalEntry, entryHash, GENESIS_HASH, jsonbText, type ChainFields } from "@/lib/audit/chain-hash";

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

  it("serialises an entry as PostgreSQL's jsonb text: keys by byte length then bytes, \", \" and \": \" separators", () => {
    expect(canonicalEntry(entry)).toBe(
      '{"id": "aud_01JD0000000000000000000000", "seq": 7, "tool": "stripe", "action": "payment.authorized", ' +
        '"details": {"a": {"c": null, "d": [1, "x"]}, "b": 2}, "flagged": false, ' +
        '"actor_id": "key_01JD0000000000000000000000", "agent_id": "agt_01JD0000000000000000000000", "decision": "allow", ' +
        '"prev_hash": "' +
        "ab".repeat(32) +
        '", "timestamp": "2026-04-05T14:30:01.123Z", "actor_type": "api_key", "session_id": null, ' +
        '"cost_micros": 12500000, "flag_reason": null, "suggested_by": null, "workspace_id": "wsp_01JD0000000000000000000000"}',
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

describe("jsonb text form", () => {
  it("orders keys by UTF-8 byte length first, shorter keys before longer ones", () => {
    expect(jsonbText({ bb: 1, a: 2, "": 3, ccc: 4, aa: 5 })).toBe('{"": 3, "a": 2, "aa": 5, "bb": 1, "ccc": 4}');
    expect(jsonbText({ aa: 1, b: 2 })).toBe('{"b": 2, "aa": 1}');
  });

  it("orders keys of equal byte length by their UTF-8 bytes, not UTF-16 code units", () => {
    // "é" is 2 bytes (C3 A9), like "ab" (61 62); "\uE000a" and "😀" are both 4 bytes, and
    // EE < F0 in UTF-8 although the surrogate D83D < E000 in UTF-16.
    expect(jsonbText({ é: 1, ab: 2 })).toBe('{"ab": 2, "é": 1}');
    expect(jsonbText({ "😀": 1, "\uE000a": 2 })).toBe('{"\uE000a": 2, "😀": 1}');
    expect(jsonbText({ B: 1, a: 2 })).toBe('{"B": 1, "a": 2}');
  });

  it("separates items with \", \" and keys from values with \": \", at every depth", () => {
    expect(jsonbText({ list: [1, [2, []], {}, { y: null, x: [true, false] }] })).toBe('{"list": [1, [2, []], {}, {"x": [true, false], "y": null}]}');
    expect(jsonbText([])).toBe("[]");
    expect(jsonbText({})).toBe("{}");
  });

  it("escapes quotes, backslashes and control characters as jsonb does, and nothing else", () => {
    expect(jsonbText('a"b\\c/d')).toBe('"a\\"b\\\\c/d"');
    expect(jsonbText("\n\t\r\b\f")).toBe('"\\n\\t\\r\\b\\f"');
    expect(jsonbText("\u0001\u001f")).toBe('"\\u0001\\u001f"');
    expect(jsonbText("\u007f é 日本 😀 \u2028")).toBe('"\u007f é 日本 😀 \u2028"');
    expect(jsonbText({ 'k"\n': 1 })).toBe('{"k\\"\\n": 1}');
  });

  it("writes numbers in plain decimal notation, never with an exponent", () => {
    expect(jsonbText(123)).toBe("123");
    expect(jsonbText(0.1)).toBe("0.1");
    expect(jsonbText(-0)).toBe("0");
    expect(jsonbText(1e21)).toBe("1000000000000000000000");
    expect(jsonbText(1.23e22)).toBe("12300000000000000000000");
    expect(jsonbText(1e-7)).toBe("0.0000001");
    expect(jsonbText(1.5e-7)).toBe("0.00000015");
    expect(jsonbText(-2.5e-10)).toBe("-0.00000000025");
    expect(jsonbText(1.2345e-8)).toBe("0.000000012345");
    expect(jsonbText(12_500_000n)).toBe("12500000");
  });

  it("writes null, booleans and missing values as jsonb does", () => {
    expect(jsonbText(null)).toBe("null");
    expect(jsonbText(undefined)).toBe("null");
    expect(jsonbText([true, false, null])).toBe("[true, false, null]");
  });

  it("refuses numbers JSON cannot hold", () => {
    expect(() => jsonbText(Number.POSITIVE_INFINITY)).toThrow();
    expect(() => jsonbText(Number.NaN)).toThrow();
  });
});
