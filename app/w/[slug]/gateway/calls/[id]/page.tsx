import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RequestReasons } from "@/components/approvals/request-facts";
import { DecisionBadge } from "@/components/audit/decision-badge";
import { formatCount, formatInstant } from "@/components/charts/format";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-member";
import { AppError } from "@/lib/errors";
import { getGatewayCall } from "@/lib/gateway/list-gateway-calls";
import { GatewayCallIdParams } from "@/lib/gateway/schemas";
import { toolCallDecisions } from "../../calls-table";
import { workspaceCurrency } from "@/lib/workspaces/workspace-currency";

type Props = { params: Promise<{ slug: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Gateway call ${(await params).id}` };
}

async function callOrNotFound(workspaceId: string, id: string) {
  if (!GatewayCallIdParams.safeParse({ id }).success) notFound();
  try {
    return await getGatewayCall(workspaceId, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

const Fact = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <div className="min-w-0">
    <dt className="text-xs text-slate-500">{label}</dt>
    <dd className="break-words text-sm text-slate-800">{children}</dd>
  </div>
);

function Body({ title, value }: { title: string; value: unknown }) {
  return (
    <section className="card" aria-label={title}>
      <h2 className="border-b border-slate-200 px-4 py-3 font-semibold">{title}</h2>
      <pre className="max-h-96 overflow-auto p-4 text-xs">{JSON.stringify(value, null, 2)}</pre>
    </section>
  );
}

export default async function GatewayCallPage({ params }: Props) {
  const { slug, id } = await params;
  const member = await requireMember(slug);
  const call = await callOrNotFound(member.workspace.id, id);
  const currency = await workspaceCurrency(member.workspace.id);
  const ws = member.workspace.slug;
  const toolCalls = toolCallDecisions(call.tool_calls);
  const hasBodies = call.request_body !== null || call.response_body !== null;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm"><Link href={`/w/${ws}/gateway`} className="text-brand-700 hover:underline">Gateway</Link></nav>
      <PageHeader title={`${call.model} call by ${call.agent_id}`} description={`${formatInstant(call.created_at)} · ${call.status}${call.stream ? " · streamed" : ""}`}>
        <DecisionBadge decision={call.decision} />
      </PageHeader>
      <div className="space-y-6">
        <dl className="card grid grid-cols-2 gap-x-6 gap-y-3 p-4 md:grid-cols-4">
          <Fact label="Agent"><Link href={`/w/${ws}/agents/${encodeURIComponent(call.agent_id)}`} className="text-brand-700 hover:underline">{call.agent_id}</Link></Fact>
          <Fact label="Session"><Link href={`/w/${ws}/audit?${new URLSearchParams({ session: call.session_id })}`} className="text-brand-700 hover:underline"><code className="text-xs">{call.session_id}</code></Link></Fact>
          <Fact label="Receipt">
            {call.receipt_id ? <Link href={`/w/${ws}/audit?${new URLSearchParams({ q: call.receipt_id })}`} className="text-brand-700 hover:underline" data-testid="call-receipt"><code className="text-xs">{call.receipt_id}</code></Link> : "—"}
          </Fact>
          <Fact label="Tokens in / out">{formatCount(call.prompt_tokens)} / {formatCount(call.completion_tokens)}</Fact>
          <Fact label="Cost">{call.cost} {currency}</Fact>
          <Fact label="Latency">{formatCount(call.latency_ms)} ms</Fact>
          <Fact label="Call id"><code className="text-xs">{call.id}</code></Fact>
        </dl>
        <section className="card" aria-labelledby="reasons-title">
          <h2 id="reasons-title" className="border-b border-slate-200 px-4 py-3 font-semibold">Why</h2>
          <div className="p-4"><RequestReasons reasons={call.reasons} reason="No policy reason recorded" /></div>
        </section>
        <section className="card overflow-x-auto" aria-labelledby="tool-calls-title">
          <h2 id="tool-calls-title" className="border-b border-slate-200 px-4 py-3 font-semibold">Tool calls the model proposed</h2>
          {toolCalls.length === 0 ? <p className="px-4 py-4 text-sm text-slate-500">None.</p> : (
            <table className="min-w-full divide-y divide-slate-200" aria-label="Tool call decisions">
              <thead className="bg-slate-50"><tr>{["Function", "Decision", "Why"].map((c) => <th key={c} className="table-head">{c}</th>)}</tr></thead>
              <tbody className="divide-y divide-slate-100">
                {toolCalls.map((t, i) => (
                  <tr key={`${t.name}-${i}`}>
                    <td className="table-cell font-mono text-xs">{t.name}</td>
                    <td className="table-cell"><DecisionBadge decision={t.decision} /></td>
                    <td className="table-cell"><RequestReasons reasons={t.reasons} reason="—" /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        {hasBodies ? (
          <>
            <Body title="Request body (vault values redacted)" value={call.request_body} />
            <Body title="Response body (vault values redacted)" value={call.response_body} />
          </>
        ) : (
          <p className="text-sm text-slate-600" data-testid="bodies-not-stored">Bodies were not stored for this call: an admin can turn storing on in the gateway&apos;s settings, for later calls.</p>
        )}
      </div>
    </>
  );
}
