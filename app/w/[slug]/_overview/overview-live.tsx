"use client";

import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import type { Overview } from "@/lib/dashboard/load-overview";
import { OverviewCharts } from "./overview-charts";
import { OverviewFiguresGrid } from "./overview-figures";
import { TopAgents } from "./top-agents";
import { REFRESH_MS, useOverview } from "./use-overview";

type Props = { slug: string; periodParams: Record<string, string>; initial: Overview; spendDefinition: string };

/** The overview's figures, charts and top agents, refreshed every 10 seconds. */
export function OverviewLive({ slug, periodParams, initial, spendDefinition }: Props) {
  const { data, isError, isFetching } = useOverview(slug, periodParams, initial);
  const isEmpty = data.figures.actions === 0 && data.figures.spend === 0;
  return (
    <div className="space-y-6">
      <p className="text-xs text-slate-500" aria-live="polite" data-testid="overview-updated">
        {data.period.label} · updated {data.as_of.slice(11, 19)} UTC, refreshes every {REFRESH_MS / 1000} s
        {isFetching ? " · refreshing…" : ""}
        {isError ? " · the last refresh failed; showing the previous figures" : ""}
      </p>
      <OverviewFiguresGrid slug={slug} figures={data.figures} />
      <p className="text-xs text-slate-500" data-testid="spend-definition">{spendDefinition}</p>
      {isEmpty ? (
        <EmptyState title="No agent activity in this period">
          Choose a longer period, or put an agent to work: create an API key under{" "}
          <Link href={`/w/${slug}/settings/api-keys`} className="text-brand-700 underline">Settings → API keys</Link>, then point your
          agent&apos;s SDK at this server&apos;s <code>/api</code> (see the <Link href="/api-docs" className="text-brand-700 underline">API reference</Link>): it
          creates a session, logs its actions and asks before it pays.
        </EmptyState>
      ) : (
        <>
          <OverviewCharts overview={data} />
          <TopAgents slug={slug} spenders={data.topSpenders} denied={data.topDenied} />
        </>
      )}
    </div>
  );
}
