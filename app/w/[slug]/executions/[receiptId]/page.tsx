import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DecisionBadge } from "@/components/audit/decision-badge";
import { RequestReasons } from "@/components/approvals/request-facts";
import { formatInstant } from "@/components/charts/format";
import { CodeView } from "@/components/exec/code-view";
import { formatResult } from "@/components/exec/run-format";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-member";
import { findCodeRun } from "@/lib/exec/get-code-run";
import { CodeRunParams } from "@/lib/exec/run-schemas";

type Props = { params: Promise<{ slug: string; receiptId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Execution ${(await params).receiptId}` };
}

const loadRun = (workspaceId: string, receiptId: string) =>
  CodeRunParams.safeParse({ receipt_id: receiptId }).success ? findCodeRun(workspaceId, receiptId) : null;

const Fact = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <div className="min-w-0">
    <dt className="text-xs text-slate-500">{label}</dt>
    <dd className="break-words text-sm text-slate-800">{children}</dd>
  </div>
);

export default async function ExecutionPage({ params }: Props) {
  const { slug, receiptId } = await params;
  const member = await requireMember(slug);
  const run = await loadRun(member.workspace.id, receiptId);
  if (!run) notFound();
  const ws = member.workspace.slug;
  const runtime = run.runtime ? Object.entries(run.runtime).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") || "none" : String(v)}`) : [];

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm"><Link href={`/w/${ws}/executions`} className="text-brand-700 hover:underline">Executions</Link></nav>
      <PageHeader title={`${run.language} code run by ${run.agent_id}`} description={`Evaluated ${formatInstant(run.created_at)}`}>
        <DecisionBadge decision={run.decision} />
      </PageHeader>
      <div className="space-y-6">
        <dl className="card grid grid-cols-2 gap-x-6 gap-y-3 p-4 md:grid-cols-4">
          <Fact label="Suggester → executor">
            <span data-testid="run-agents"><code className="text-xs">{run.suggested_by ?? "—"}</code> → <Link href={`/w/${ws}/agents/${encodeURIComponent(run.agent_id)}`} className="text-brand-700 hover:underline"><code className="text-xs">{run.agent_id}</code></Link></span>
          </Fact>
          <Fact label="Receipt"><Link href={`/w/${ws}/audit?q=${run.receipt_id}`} className="text-brand-700 hover:underline"><code className="text-xs">{run.receipt_id}</code></Link></Fact>
          <Fact label="Session"><code className="text-xs">{run.session_id}</code></Fact>
          <Fact label="Result"><span data-testid="run-result">{formatResult(run.result)}</span></Fact>
          <Fact label="Code SHA-256">
            <code className="break-all text-xs">{run.code_sha256}</code>
            <Link href={`/w/${ws}/audit?q=${run.code_sha256}`} className="block text-xs text-brand-700 hover:underline">Every audit entry of this code</Link>
          </Fact>
          <Fact label="Size">{`${run.size_bytes} bytes${run.parsed ? "" : " (did not parse)"}`}</Fact>
          <Fact label="Runtime constraints">{runtime.length ? runtime.join(" · ") : "none"}</Fact>
          <Fact label="Approval">
            {run.approval ? <Link href={`/w/${ws}/approvals`} className="text-brand-700 hover:underline" data-testid="run-approval"><code className="text-xs">{run.approval.id}</code> ({run.approval.status})</Link> : "—"}
          </Fact>
        </dl>
        <section className="card space-y-3 p-4" aria-labelledby="code-heading">
          <h2 id="code-heading" className="font-semibold">Code and detected operations</h2>
          <CodeView code={run.code} operations={run.operations} language={run.language} anchorPrefix="run" />
        </section>
        <div className="grid gap-6 lg:grid-cols-2">
          <section className="card space-y-2 p-4" aria-labelledby="reasons-heading">
            <h2 id="reasons-heading" className="font-semibold">Why: {run.decision}</h2>
            <RequestReasons reasons={run.reasons} reason="No rule matched: the default decision applied." />
          </section>
          <section className="card space-y-2 p-4" aria-labelledby="policies-heading">
            <h2 id="policies-heading" className="font-semibold">Policy versions in force</h2>
            <pre className="overflow-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(run.policy_versions, null, 2)}</pre>
          </section>
        </div>
      </div>
    </>
  );
}
