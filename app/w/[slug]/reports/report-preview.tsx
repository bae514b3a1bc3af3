import { EmptyState } from "@/components/ui/empty-state";
import { SimpleTable } from "@/components/ui/simple-table";
import type { ComplianceData, SpendRow } from "@/lib/reports/compliance-data";
import { DECISIONS_DEFINITION, formatCount, formatMoney, formatPercent, OUTCOME_LABELS, SPEND_DEFINITION } from "@/lib/reports/format";
import { ApprovalsPreview } from "./approvals-preview";
import { ChainStatusCard } from "./chain-status-card";

function Section({ title, note, children }: { title: string; note?: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="mb-8">
      <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
      {note ? <p className="mb-3 mt-1 max-w-4xl text-sm text-slate-600">{note}</p> : <div className="mb-3" />}
      {children}
    </section>
  );
}

function spendRows(rows: SpendRow[], currency: string, name: (row: SpendRow) => React.ReactNode) {
  return rows.map((row) => ({
    key: row.id ?? "none",
    cells: [name(row), formatCount(row.payments), <span key="total" className="tabular-nums">{formatMoney(row.total, currency)}</span>],
  }));
}

export function ReportPreview({ data }: { data: ComplianceData }) {
  const { summary, currency } = data;
  const stats = [
    { label: "Sessions opened", value: formatCount(summary.sessionsOpened) },
    { label: "Payments authorized", value: formatCount(summary.paymentsAuthorized) },
    { label: "Total spend", value: formatMoney(summary.totalSpend, currency) },
    { label: "Decisions", value: formatCount(summary.decisions) },
    { label: "Approval requests", value: formatCount(summary.approvals) },
  ];
  return (
    <div data-testid="report-preview">
      <ChainStatusCard chain={data.chain} />
      {!data.hasActivity ? (
        <EmptyState title="No activity in this period">
          No sessions, payments, decisions or approvals were recorded between these dates. Pick a longer period or a preset above; the PDF
          can still be downloaded as a record that the period was quiet.
        </EmptyState>
      ) : (
        <>
          <dl className="mb-8 grid grid-cols-2 gap-4 lg:grid-cols-5">
            {stats.map((stat) => (
              <div key={stat.label} className="card p-4">
                <dt className="text-sm text-slate-500">{stat.label}</dt>
                <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{stat.value}</dd>
              </div>
            ))}
          </dl>
          <Section title="Spend per agent" note={SPEND_DEFINITION}>
            {data.spendByAgent.length ? (
              <SimpleTable
                label="Spend per agent"
                columns={["Agent", "Payments", "Spend"]}
                rows={spendRows(data.spendByAgent, currency, (row) => (
                  <>
                    <code>{row.id}</code>
                    {row.label !== row.id ? <span className="ml-2 text-slate-500">{row.label}</span> : null}
                  </>
                ))}
              />
            ) : (
              <p className="text-sm text-slate-600">No payments were authorized in this period.</p>
            )}
          </Section>
          <Section title="Spend per crew">
            {data.spendByCrew.length ? (
              <SimpleTable label="Spend per crew" columns={["Crew", "Payments", "Spend"]} rows={spendRows(data.spendByCrew, currency, (row) => row.label)} />
            ) : (
              <p className="text-sm text-slate-600">No payments were authorized in this period.</p>
            )}
          </Section>
          <Section title="Decisions by outcome" note={DECISIONS_DEFINITION}>
            <SimpleTable
              label="Decisions by outcome"
              columns={["Outcome", "Count", "Share"]}
              rows={data.decisions.map((row) => ({
                key: row.decision,
                cells: [`${OUTCOME_LABELS[row.decision] ?? row.decision} (${row.decision})`, formatCount(row.count), formatPercent(row.percent)],
              }))}
            />
          </Section>
          <Section title="Approvals" note="Requests raised or decided in the period, with every reviewer's decision. Expired requests count as denied.">
            <ApprovalsPreview approvals={data.approvals} total={data.approvalsTotal} />
          </Section>
        </>
      )}
    </div>
  );
}
