import { appendAuditEvent, type Actor } from "@/lib/audit/append-events";
import { GENESIS_HASH } from "@/lib/audit/chain-hash";
import { prisma } from "@/lib/db/client";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { parseWith } from "@/lib/http/validation";
import { CreateWorkspaceSchema, type CreateWorkspaceInput } from "./schemas";

/** Creates a workspace with its audit chain head; the creation is the chain's first entry. */
export async function createWorkspace(input: CreateWorkspaceInput, actor: Actor) {
  const { slug, name } = parseWith(CreateWorkspaceSchema, input, "body");
  const db = await prisma();
  try {
    return await db.$transaction(async (tx) => {
      const workspace = await tx.workspace.create({ data: { id: newId("workspace"), slug, name: name ?? slug } });
      await tx.auditChainHead.create({ data: { workspaceId: workspace.id, hash: GENESIS_HASH } });
      await appendAuditEvent(tx, workspace.id, { actor, action: "workspace.created", details: { slug } });
      return workspace;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `Workspace '${slug}' already exists`, { field: "slug" });
    }
    throw error;
  }
}
