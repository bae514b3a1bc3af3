import Link from "next/link";
import { formatCount, formatMoney } from "@/components/charts/format";
import type { TopDenied } from "@/lib/dashboard/list-top-denied";
import type { TopSpender } from "@/lib/dashboard/list-top-spenders";

export const agentHref = (slug: string, agentId: string) => `/w/${slug}/agents/${encodeURIComponent(agentId)}`;

function AgentLink({ slug, agentId, name }: { slug: string; agentId: string; name: string | null }) {
  return (
    <Link href={agentHref(slug, agentId)} className="font-medium text-brand-700 hover:underline">
      {name ?? agentId}
      {name ? <span className="ml-1 text-xs text-slate-500">{agentId}</span> : null}
    </Link>
  );
}

function Table({ label, columns, rows, empty }: { label: string; columns: string[]; rows: { key: string; cells: React.ReactNode[] }[]; empty: string }) {
  return (
    <section className="card overflow-hidden" aria-label={label}>
      <h3 className="border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-900">{label}</h3>
      {rows.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-500">{empty}</p>
      ) : (
        <table className="min-w-full divide-y divide-slate-100" aria-label={label}>
          <thead className="bg-slate-50">
            <tr>{columns.map((c, i) => <th key={c} className={`table-head ${i > 0 ? "text-right" : ""}`}>{c}</th>)}</tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.key}>{row.cells.map((cell, i) => <td key={i} className={`table-cell ${i > 0 ? "text-right tabular-nums" : ""}`}>{cell}</td>)}</tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function TopAgents({ slug, spenders, denied }: { slug: string; spenders: TopSpender[]; denied: TopDenied[] }) {
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <Table
        label="Top agents by spend"
        columns={["Agent", "Payments", "Spend"]}
        empty="No payments were authorized in this period."
        rows={spenders.map((a) => ({ key: a.agent_id, cells: [<AgentLink key="a" slug={slug} agentId={a.agent_id} name={a.display_name} />, formatCount(a.payments), formatMoney(a.spend)] }))}
      />
      <Table
        label="Top agents by denials"
        columns={["Agent", "Actions", "Denied"]}
        empty="No action was denied in this period."
        rows={denied.map((a) => ({ key: a.agent_id, cells: [<AgentLink key="a" slug={slug} agentId={a.agent_id} name={a.display_name} />, formatCount(a.actions), formatCount(a.denials)] }))}
      />
    </div>
  );
}
