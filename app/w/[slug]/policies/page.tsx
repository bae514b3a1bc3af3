import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-member";
import { roleCan } from "@/lib/auth/roles";
import { listPolicies } from "@/lib/policies/manage-policies";
import { PRESETS } from "@/lib/policies/presets";
import { NewPolicyButton } from "./new-policy-dialog";
import { targetLabel } from "./target-label";

export const metadata: Metadata = { title: "Policies" };

export default async function PoliciesPage({ params }: { params: Promise<{ slug: string }> }) {
  const member = await requireMember((await params).slug);
  const { policies } = await listPolicies(member.workspace.id);
  const canManage = roleCan(member.role, "workspace:manage");
  const slug = member.workspace.slug;
  const presets = Object.entries(PRESETS).map(([key, preset]) => ({ key, name: preset.name, description: preset.description }));
  return (
    <>
      <PageHeader
        title="Policies"
        description="Rules evaluated at the execution boundary for every tool call, payment, secret read, code execution and LLM call."
      >
        {canManage ? <NewPolicyButton slug={slug} presets={presets} /> : null}
      </PageHeader>
      {canManage ? null : (
        <p className="card mb-6 px-5 py-4 text-sm text-slate-600" data-testid="read-only-note">
          Only admins edit and publish policies. You can read every policy, its versions and their differences, export them and test a draft.
        </p>
      )}
      {policies.length === 0 ? (
        <EmptyState title="No policies yet">
          {canManage ? "Create the first one with “New policy”: from scratch (deny by default) or from a preset. " : "An admin can create policies on this page. "}
          Until a policy is published, every action is allowed (POST /api/v1/evaluate answers ALLOW with NO_POLICY).
        </EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200" aria-label="Policies">
            <thead className="bg-slate-50">
              <tr>
                {["Name", "Applies to", "Default", "Rules", "Version in force", "Updated (UTC)"].map((column) => (
                  <th key={column} className="table-head px-3">{column}</th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {policies.map((policy) => (
                <tr key={policy.policy_id} data-testid={`policy-row-${policy.policy_id}`}>
                  <th scope="row" className="table-cell px-3 text-left font-medium">
                    <Link href={`/w/${slug}/policies/${policy.policy_id}`} className="text-brand-700 hover:underline">
                      {policy.name}
                    </Link>
                  </th>
                  <td className="table-cell px-3">{targetLabel(policy.target)}</td>
                  <td className="table-cell px-3"><code className="text-xs">{policy.draft.default}</code></td>
                  <td className="table-cell px-3 tabular-nums">{policy.draft.rules.length}{policy.draft.payments ? " + payments" : ""}</td>
                  <td className="table-cell px-3">
                    {policy.published_version ? `v${policy.published_version}` : <span className="text-slate-500">not published</span>}
                    {policy.draft_differs ? (
                      <span className="ml-2 whitespace-nowrap rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-800">draft differs</span>
                    ) : null}
                  </td>
                  <td className="table-cell px-3">
                    <time dateTime={policy.updated_at} className="whitespace-nowrap">{policy.updated_at.slice(0, 16).replace("T", " ")}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
