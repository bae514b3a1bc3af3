import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-member";
import { roleCan } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { listMembers } from "@/lib/members/list-members";
import { getPolicy, listVersions } from "@/lib/policies/manage-policies";
import { PolicyDocumentSchema, PolicyIdParams, type PolicyDocument } from "@/lib/policies/schemas";
import { targetLabel } from "../target-label";
import { PolicyEditor } from "./policy-editor";

export const metadata: Metadata = { title: "Policy" };

// Stored documents come back from JSONB with their keys reordered: parsing restores the
// schema's order (name, target, default, rules, ...), which is what the editor shows and diffs.
const ordered = (document: PolicyDocument) => PolicyDocumentSchema.parse(document);
const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

async function load(workspaceId: string, policyId: string) {
  if (!PolicyIdParams.safeParse({ id: policyId }).success) notFound();
  try {
    return await Promise.all([getPolicy(workspaceId, policyId), listVersions(workspaceId, policyId)]);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function PolicyPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const member = await requireMember(slug);
  const [[policy, { versions }], { members }] = await Promise.all([load(member.workspace.id, id), listMembers(member.workspace.id)]);
  const emails = new Map(members.map((m) => [`user:${m.userId}`, m.email]));
  const publisher = (by: string) => emails.get(by) ?? by.replace(/^api_key:/, "API key ");
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/w/${slug}/policies`} className="text-brand-700 hover:underline">← Policies</Link>
      </p>
      <PageHeader title={policy.name} description={`${sentence(policy.draft.description ?? "No description")} Applies to ${targetLabel(policy.target)}.`} />
      <PolicyEditor
        slug={slug}
        policyId={policy.policy_id}
        draft={ordered(policy.draft)}
        publishedVersion={policy.published_version}
        draftDiffers={policy.draft_differs}
        versions={versions.map((v) => ({ ...v, published_by: publisher(v.published_by), document: ordered(v.document) }))}
        isReadOnly={!roleCan(member.role, "workspace:manage")}
      />
    </>
  );
}
