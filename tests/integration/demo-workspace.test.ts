// The demo workspace the first run seeds, on a fresh database of this project's kind: agents in
// a crew with a budget, a little activity, a balanced payment policy in force, one escalated
// payment waiting for a reviewer, and a chain that verifies.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listPending } from "@/lib/approvals/manage-approvals";
import { verifyChain } from "@/lib/audit/verify-chain";
import type { Db } from "@/lib/db/client";
import { listPolicies } from "@/lib/policies/manage-policies";
import { ensureFirstRun } from "@/lib/setup/ensure-first-run";
import { databaseLabel, useFreshDatabaseForProcess, type FreshDatabase } from "../helpers/databases";

let fresh: FreshDatabase;
let db: Db;

beforeAll(async () => {
  fresh = await useFreshDatabaseForProcess();
  db = fresh.db;
});

afterAll(async () => {
  await fresh?.dispose();
});

describe(`the demo workspace on ${databaseLabel()}`, () => {
  it("is a living system a newcomer can explore", async () => {
    expect(await ensureFirstRun()).toEqual({ created: true });
    expect(await ensureFirstRun()).toEqual({ created: false });
    const workspace = await db.prisma.workspace.findUniqueOrThrow({ where: { slug: "demo" } });
    const agents = await db.prisma.agent.findMany({ where: { workspaceId: workspace.id }, orderBy: { agentId: "asc" } });
    expect(agents.map((a) => a.agentId)).toEqual(["coder", "publisher", "researcher", "reviewer"]);
    expect(await db.prisma.crew.findMany({ where: { workspaceId: workspace.id } })).toEqual([expect.objectContaining({ name: "launch-crew" })]);
    expect(await listPolicies(workspace.id)).toMatchObject({ count: 1, policies: [{ name: "Payments: balanced", published_version: 1 }] });
    expect(await listPending(workspace.id)).toMatchObject({
      count: 1,
      requests: [{ agent_id: "publisher", amount: 75, reasons: [expect.objectContaining({ code: "ABOVE_ESCALATION_THRESHOLD" })] }],
    });
    const actions = (await db.prisma.auditEvent.findMany({ where: { workspaceId: workspace.id }, select: { action: true } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["payment.authorized", "payment.refused", "scope.check", "policy.evaluated", "approval.requested"]));
    expect(await verifyChain(workspace.id)).toMatchObject({ verified: true });
  });
});
