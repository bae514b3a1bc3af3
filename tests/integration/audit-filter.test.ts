// The audit trail's filters (the explorer's URL, the agent timeline, the exports) at the domain
// level on a fresh database of this project's kind: each filter field alone and combined, the
// text search's LIKE characters taken literally, keyset pages that neither skip nor repeat, and
// another workspace's entries never matched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAuditEvent, type Actor } from "@/lib/audit/append-events";
import { AuditFilterSchema } from "@/lib/audit/audit-filter";
import { countFilteredEntries, listFilteredEntries } from "@/lib/audit/list-filtered-entries";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { randomSlug } from "../helpers/api";
import { databaseLabel, useFreshDatabaseForProcess, type FreshDatabase } from "../helpers/databases";

const SYSTEM: Actor = { type: "system", id: "test" };
let fresh: FreshDatabase;
let workspaceId: string;
let otherWorkspaceId: string;

type Row = { agent: string; session: string; tool: string; decision?: string; flagged?: boolean; details: Record<string, string> };
// Row i is the workspace's entry seq i + 2 (seq 1 is workspace.created), action "act i".
const ROWS: Row[] = [
  { agent: "alpha", session: "ses_a1", tool: "search", decision: "ALLOW", details: { note: "plain" } },
  { agent: "alpha", session: "ses_a1", tool: "payments", decision: "BLOCK", flagged: true, details: { note: "refund 50% now" } },
  { agent: "alpha", session: "ses_a2", tool: "search", details: { note: "refund 50 now" } },
  { agent: "beta", session: "ses_b1", tool: "payments", decision: "ESCALATE", details: { note: "under_score" } },
  { agent: "beta", session: "ses_b1", tool: "search", decision: "BLOCK", flagged: true, details: { note: "underXscore" } },
];

async function write(target: string, rows: Row[]) {
  await fresh.db.prisma.$transaction(async (tx) => {
    for (const [i, row] of rows.entries()) {
      await appendAuditEvent(tx, target, {
        actor: SYSTEM,
        action: `act ${i}`,
        agentId: row.agent,
        sessionId: row.session,
        tool: row.tool,
        decision: row.decision ?? null,
        flagged: row.flagged ?? false,
        flagReason: row.flagged ? "denied_check" : null,
        details: row.details,
      });
    }
  });
}

beforeAll(async () => {
  fresh = await useFreshDatabaseForProcess();
  workspaceId = (await createWorkspace({ slug: randomSlug() }, SYSTEM)).id;
  otherWorkspaceId = (await createWorkspace({ slug: randomSlug() }, SYSTEM)).id;
  await write(workspaceId, ROWS);
  await write(otherWorkspaceId, ROWS);
});

afterAll(async () => {
  await fresh?.dispose();
});

/** The seqs matching the filter (given as URL parameters), newest first. */
async function seqs(params: Record<string, string>, target = workspaceId) {
  const filter = AuditFilterSchema.parse(params);
  const { entries } = await listFilteredEntries(target, filter, { limit: 100 });
  expect(await countFilteredEntries(target, filter)).toBe(entries.length);
  return entries.map((e) => e.seq);
}

describe(`the audit filter on ${databaseLabel()}`, () => {
  it("matches every entry of the workspace without a filter, newest first", async () => {
    expect(await seqs({})).toEqual([6, 5, 4, 3, 2, 1]);
  });

  it.each([
    [{ agent: "alpha" }, [4, 3, 2]],
    [{ session: "ses_b1" }, [6, 5]],
    [{ tool: "payments" }, [5, 3]],
    [{ decision: "BLOCK" }, [6, 3]],
    [{ decision: "NONE" }, [4, 1]],
    [{ flagged: "true" }, [6, 3]],
    [{ flagged: "false" }, [5, 4, 2, 1]],
    [{ agent: "alpha", decision: "BLOCK", flagged: "true" }, [3]],
    [{ q: "refund" }, [4, 3]],
    [{ q: "50%" }, [3]],
    [{ q: "under_score" }, [5]],
    [{ q: "ACT 3" }, [5]],
    [{ agent: "nobody" }, []],
  ] as const)("%j selects exactly seqs %j", async (params, expected) => {
    expect(await seqs(params)).toEqual(expected);
  });

  it("finds an entry by its id through the text search", async () => {
    const { entries } = await listFilteredEntries(workspaceId, AuditFilterSchema.parse({ decision: "ESCALATE" }), { limit: 10 });
    expect(await seqs({ q: entries[0]!.entry_id })).toEqual([5]);
  });

  it("bounds the time range on both sides, inclusively", async () => {
    const { entries } = await listFilteredEntries(workspaceId, AuditFilterSchema.parse({}), { limit: 100 });
    const times = entries.map((e) => e.timestamp).sort();
    const [first, last] = [times[0]!, times.at(-1)!];
    expect(await seqs({ from: first, to: last })).toHaveLength(6);
    expect(await seqs({ from: new Date(Date.parse(last) + 1).toISOString() })).toEqual([]);
    expect(await seqs({ to: new Date(Date.parse(first) - 1).toISOString() })).toEqual([]);
  });

  it("pages by seq without skipping or repeating an entry", async () => {
    const filter = AuditFilterSchema.parse({ tool: "search" });
    const pages: number[][] = [];
    let cursor: number | undefined;
    do {
      const page = await listFilteredEntries(workspaceId, filter, { cursor, limit: 2 });
      pages.push(page.entries.map((e) => e.seq));
      cursor = page.next_cursor ?? undefined;
    } while (cursor !== undefined);
    expect(pages).toEqual([[6, 4], [2]]);
  });

  it("never matches another workspace's entries", async () => {
    const ids = (await fresh.db.prisma.auditEvent.findMany({ where: { workspaceId }, select: { id: true } })).map((r) => r.id);
    const { entries } = await listFilteredEntries(workspaceId, AuditFilterSchema.parse({ agent: "beta" }), { limit: 10 });
    expect(entries).toHaveLength(2);
    for (const entry of entries) expect(ids).toContain(entry.entry_id);
  });
});
