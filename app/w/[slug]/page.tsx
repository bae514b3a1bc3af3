import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-member";
import { loadOverview } from "@/lib/dashboard/load-overview";
import { periodFromSearchParams } from "@/lib/dashboard/period";
import { SPEND_DEFINITION } from "@/lib/dashboard/sql-parts";
import { OverviewLive } from "./_overview/overview-live";
import { PeriodError, PeriodSelector } from "./_overview/period-selector";

export const metadata: Metadata = { title: "Overview" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function OverviewPage({ params, searchParams }: Props) {
  const member = await requireMember((await params).slug);
  const { period, error } = periodFromSearchParams(await searchParams);
  const overview = await loadOverview(member.workspace.id, period);
  return (
    <>
      <PageHeader title={member.workspace.name} description="What your agents did, spent and are waiting on." />
      <div className="mb-6">
        <PeriodSelector key={JSON.stringify(period.params)} current={{ key: period.key, label: period.label, params: period.params, from: period.from.toISOString(), to: period.to.toISOString() }} />
      </div>
      <PeriodError error={error} fallback={period.label} />
      <OverviewLive
        key={JSON.stringify(period.params)}
        slug={member.workspace.slug}
        periodParams={period.params}
        initial={overview}
        spendDefinition={SPEND_DEFINITION}
      />
    </>
  );
}
