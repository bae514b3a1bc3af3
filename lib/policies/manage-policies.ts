// Policies as code: create with a draft, replace the draft, publish (a new immutable version,
// or an earlier version again to roll back), list versions. Each change is one transaction with
// its audit event; documents are validated by PolicyDocumentSchema before they get here.
import { appendAuditEvent, type Actor } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import { conflictIfUnique, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import type { PolicyDocument } from "./schemas";

const by = (actor: Actor) => `${actor.type}:${actor.id}`;
const asJson = (document: PolicyDocument) => document as unknown as Prisma.InputJsonObject;

export type PolicyView = {
  policy_id: string;
  name: string;
  target: PolicyDocument["target"];
  published_version: number | null;
  draft: PolicyDocument;
  published: PolicyDocument | null;
  draft_differs: boolean;
  created_at: string;
  updated_at: string;
};

async function view(policyId: string): Promise<PolicyView> {
  const db = await prisma();
  const p = await db.policy.findUniqueOrThrow({ where: { id: policyId } });
  const published = p.publishedVersion
    ? ((await db.policyVersion.findUniqueOrThrow({ where: { policyId_version: { policyId, version: p.publishedVersion } } })).document as PolicyDocument)
    : null;
  const draft = p.draft as PolicyDocument;
  return {
    policy_id: p.id,
    name: p.name,
    target: draft.target,
    published_version: p.publishedVersion,
    draft,
    published,
    draft_differs: JSON.stringify(draft) !== JSON.stringify(published),
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}

async function findPolicy(workspaceId: string, policyId: string) {
  const db = await prisma();
  const policy = await db.policy.findFirst({ where: { id: policyId, workspaceId } });
  if (!policy) throw notFound(`Policy '${policyId}'`);
  return policy;
}

export async function createPolicy(workspaceId: string, document: PolicyDocument, actor: Actor) {
  const db = await prisma();
  const id = newId("policy");
  await conflictIfUnique(`A policy named '${document.name}' exists`, () =>
    db.$transaction(async (tx) => {
      await tx.policy.create({ data: { id, workspaceId, name: document.name, draft: asJson(document) } });
      await appendAuditEvent(tx, workspaceId, { actor, action: "policy.created", tool: "policies", details: { policy_id: id, name: document.name } });
    }),
  );
  return view(id);
}

export async function updateDraft(workspaceId: string, policyId: string, document: PolicyDocument, actor: Actor) {
  await findPolicy(workspaceId, policyId);
  const db = await prisma();
  await conflictIfUnique(`A policy named '${document.name}' exists`, () =>
    db.$transaction(async (tx) => {
      await tx.policy.update({ where: { id: policyId }, data: { name: document.name, draft: asJson(document), updatedAt: new Date() } });
      await appendAuditEvent(tx, workspaceId, { actor, action: "policy.draft_saved", tool: "policies", details: { policy_id: policyId, name: document.name } });
    }),
  );
  return view(policyId);
}

export async function getPolicy(workspaceId: string, policyId: string) {
  await findPolicy(workspaceId, policyId);
  return view(policyId);
}

export async function listPolicies(workspaceId: string) {
  const db = await prisma();
  const rows = await db.policy.findMany({ where: { workspaceId }, orderBy: { name: "asc" }, select: { id: true } });
  const policies = await Promise.all(rows.map((r) => view(r.id)));
  return { count: policies.length, policies };
}

/**
 * Publishes the draft as the next version, or (fromVersion) an earlier version's document again:
 * a rollback is a new version too, so history is never rewritten. The policy row is locked, so
 * concurrent publishes get consecutive versions.
 */
export async function publishPolicy(workspaceId: string, policyId: string, actor: Actor, fromVersion?: number) {
  await findPolicy(workspaceId, policyId);
  const db = await prisma();
  const version = await db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ draft: PolicyDocument }[]>`SELECT draft FROM policies WHERE id = ${policyId} FOR UPDATE`;
    let document = locked!.draft;
    if (fromVersion !== undefined) {
      const old = await tx.policyVersion.findUnique({ where: { policyId_version: { policyId, version: fromVersion } } });
      if (!old) throw notFound(`Version ${fromVersion} of policy '${policyId}'`);
      document = old.document as PolicyDocument;
    }
    const last = await tx.policyVersion.aggregate({ where: { policyId }, _max: { version: true } });
    const next = (last._max.version ?? 0) + 1;
    await tx.policyVersion.create({ data: { policyId, version: next, document: asJson(document), publishedBy: by(actor) } });
    await tx.policy.update({
      where: { id: policyId },
      data: { publishedVersion: next, updatedAt: new Date(), ...(fromVersion !== undefined ? { draft: asJson(document), name: document.name } : {}) },
    });
    await appendAuditEvent(tx, workspaceId, {
      actor,
      action: fromVersion !== undefined ? "policy.rolled_back" : "policy.published",
      tool: "policies",
      details: { policy_id: policyId, name: document.name, version: next, ...(fromVersion !== undefined ? { from_version: fromVersion } : {}) },
    });
    return next;
  });
  return { published: true as const, policy_id: policyId, version };
}

export async function listVersions(workspaceId: string, policyId: string) {
  await findPolicy(workspaceId, policyId);
  const db = await prisma();
  const rows = await db.policyVersion.findMany({ where: { policyId }, orderBy: { version: "desc" } });
  const current = (await db.policy.findUniqueOrThrow({ where: { id: policyId } })).publishedVersion;
  return {
    policy_id: policyId,
    count: rows.length,
    versions: rows.map((v) => ({
      version: v.version,
      in_force: v.version === current,
      published_at: v.publishedAt.toISOString(),
      published_by: v.publishedBy,
      document: v.document as PolicyDocument,
    })),
  };
}
