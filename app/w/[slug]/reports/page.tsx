import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-member";
import { roleCan, ROLE_LABELS } from "@/lib/auth/roles";
import { zodToAppError } from "@/lib/http/validation";
import { complianceData } from "@/lib/reports/compliance-data";
import { periodPresets, ReportPeriodSchema } from "@/lib/reports/report-period";
import { DownloadPanel } from "./download-panel";
import { PeriodForm } from "./period-form";
import { ReportPreview } from "./report-preview";

export const metadata: Metadata = { title: "Reports" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function ReportsPage({ params, searchParams }: Props) {
  const member = await requireMember((await params).slug);
  const query = await searchParams;
  const presets = periodPresets(new Date());
  const fallback = presets[1]!; // last 30 days
  const input = { from: first(query.from) ?? fallback.from, to: first(query.to) ?? fallback.to };
  const parsed = ReportPeriodSchema.safeParse(input);
  const base = `/w/${member.workspace.slug}/reports`;
  return (
    <>
      <PageHeader
        title="Compliance report"
        description="Spend per agent and crew, decisions by outcome, approvals with their reviewers and the audit chain's status, for a period in UTC."
      />
      <PeriodForm action={base} from={input.from} to={input.to} presets={presets} />
      {parsed.success ? (
        <>
          <DownloadPanel
            href={`${base}/compliance?${new URLSearchParams({ from: parsed.data.from, to: parsed.data.to })}`}
            canExport={roleCan(member.role, "audit:export")}
            roleLabel={ROLE_LABELS[member.role]}
          />
          <ReportPreview data={await complianceData(member.workspace.id, parsed.data)} />
        </>
      ) : (
        <p role="alert" className="card border-red-200 bg-red-50 p-4 text-sm text-red-800" data-testid="period-error">
          {zodToAppError(parsed.error, "query").message}. Pick the dates again or use a preset.
        </p>
      )}
    </>
  );
}
