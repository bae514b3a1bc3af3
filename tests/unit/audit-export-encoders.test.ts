import { describe, expect, it } from "vitest";
import { entryHash } from "@/lib/audit/chain-hash";
import { recomputeEntryHash, type ExportRow } from "@/lib/audit/export/columns";
import { CSV_HEADER, csvRow, jsonlLine } from "@/lib/audit/export/encode";
import { objectMembers } from "@/lib/audit/export/json-members";
import { CsvRowReader } from "@/lib/audit/export/parse-csv";
import { JsonlRowReader } from "@/lib/audit/export/parse-jsonl";
import { chain, encode } from "./audit-export-fixtures";

const rows = chain(5);

function readBack(reader: "csv" | "jsonl", text: string, chunkSize: number): ExportRow[] {
  const read: ExportRow[] = [];
  const parser = reader === "csv" ? new CsvRowReader((row) => read.push(row)) : new JsonlRowReader((row) => read.push(row));
  for (let i = 0; i < text.length; i += chunkSize) parser.write(text.slice(i, i + chunkSize));
  parser.end();
  return read;
}

describe("audit export encoders", () => {
  it("writes CSV per RFC 4180: a header, CRLF line ends, text quoted with doubled quotes, integers and booleans bare", () => {
    expect(CSV_HEADER).toBe(
      "id,workspace_id,seq,timestamp,actor_type,actor_id,agent_id,session_id,suggested_by,tool,action,decision,cost_micros,details,flagged,flag_reason,prev_hash,entry_hash\r\n",
    );
    const row = rows[2]!;
    expect(csvRow(row)).toBe(
      `"${row.id}","${WORKSPACE_ID}",3,"2026-04-05T14:30:03.007Z","api_key","key_1","bot","ses_1",,"","payment.authorized","ALLOW",3300000,` +
        `"{""n"": 3, ""note"": ""a, \\""quoted\\""\\nline"", ""amount"": 1.10}",true,"","${row.prev_hash}","${row.entry_hash}"\r\n`,
    );
  });

  it("tells null (an empty bare cell) from an empty string (\"\") in CSV", () => {
    const [nullCell, emptyCell] = [csvRow({ ...rows[2]!, flag_reason: null }), csvRow({ ...rows[2]!, flag_reason: "" })];
    expect(nullCell).toContain(",true,,");
    expect(emptyCell).toContain(',true,"",');
    expect(readBack("csv", CSV_HEADER + nullCell, 7)[0]!.flag_reason).toBeNull();
    expect(readBack("csv", CSV_HEADER + emptyCell, 7)[0]!.flag_reason).toBe("");
  });

  it("writes one JSON object per line with details embedded as the jsonb text itself, digits kept", () => {
    const line = jsonlLine(rows[0]!);
    expect(line.endsWith("}\n")).toBe(true);
    expect(line.split("\n")).toHaveLength(2);
    expect(line).toContain(`"details":{"n": 1, "note": "a, \\"quoted\\"\\nline", "amount": 1.10},`);
    expect(JSON.parse(line)).toMatchObject({ seq: 1, cost_micros: 1100000, agent_id: "bot", suggested_by: null, details: { amount: 1.1, n: 1 } });
    expect(objectMembers(line.trimEnd()).get("details")).toBe(rows[0]!.details);
  });

  it.each(["csv", "jsonl"] as const)("reads its own %s back to the same rows, whatever the chunking", async (format) => {
    const { text } = await encode(format, rows);
    for (const size of [1, 3, 64, text.length]) expect(readBack(format, text, size)).toEqual(rows);
  });

  it("keeps integers beyond 2^53 exact in JSON Lines", () => {
    const big = { ...rows[0]!, cost_micros: 9_007_199_254_740_993n };
    expect(readBack("jsonl", jsonlLine(big), 100)[0]!.cost_micros).toBe(9_007_199_254_740_993n);
  });

  it("hashes exported rows exactly as the chain hashes database rows (one canonical text)", () => {
    const row = { ...rows[0]!, details: '{"b": 2, "list": [1, "x", null]}' };
    const fromDatabase = {
      id: row.id,
      workspaceId: row.workspace_id,
      seq: row.seq,
      createdAt: new Date(row.timestamp),
      actorType: row.actor_type,
      actorId: row.actor_id,
      agentId: row.agent_id,
      sessionId: row.session_id,
      suggestedBy: row.suggested_by,
      tool: row.tool,
      action: row.action,
      decision: row.decision,
      costMicros: row.cost_micros,
      details: { list: [1, "x", null], b: 2 },
      flagged: row.flagged,
      flagReason: row.flag_reason,
      prevHash: row.prev_hash,
    };
    expect(recomputeEntryHash(row)).toBe(entryHash(fromDatabase));
  });

  it("hashes details as their text, so 1.10 and 1.1 differ", () => {
    const row = rows[0]!;
    expect(recomputeEntryHash({ ...row, details: row.details.replace("1.10", "1.1") })).not.toBe(row.entry_hash);
  });
});

const WORKSPACE_ID = rows[0]!.workspace_id;
