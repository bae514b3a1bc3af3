import type { Metadata } from "next";
import Link from "next/link";
import { ExportLinks } from "@/components/audit/export-links";
import { entryParam } from "@/components/audit/entry-url";
import { FilterForm } from "@/components/audit/filter-form";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { AuditFilterSchema, filterToSearchParams, searchParamsToInput } from "@/lib/audit/audit-filter";
import { countFilteredEntries, listFilteredEntries } from "@/lib/audit/list-filtered-entries";
import { readTail } from "@/lib/audit/verify-queries";
import { requireMember } from "@/lib/auth/current-member";
import { roleCan } from "@/lib/auth/roles";
import { ChainStatus } from "./chain-status";
import { PAGE_SIZE } from "./constants";
import { ExplorerClient } from "./explorer-client";
import { loadEntry, loadFilterOptions } from "./load-explorer";

export const metadata: Metadata = { title: "Audit" };

type SearchParams = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };

export default async function AuditPage({ params, searchParams }: Props) {
  const member = await requireMember((await params).slug);
  const query = await searchParams;
  const workspaceId = member.workspace.id;
  const slug = member.workspace.slug;
  const basePath = `/w/${slug}/audit`;
  const raw = searchParamsToInput(query);
  const parsed = AuditFilterSchema.safeParse(raw);
  const seq = entryParam([query.entry].flat()[0] ?? null);
  const [options, tail, initialEntry] = await Promise.all([
    loadFilterOptions(workspaceId),
    readTail(workspaceId),
    seq === null ? undefined : loadEntry(workspaceId, seq),
  ]);
  const headSeq = tail?.headSeq ?? 0;
  const issue = parsed.success ? null : parsed.error.issues[0]!;
  const filter = parsed.success ? Object.fromEntries(filterToSearchParams(parsed.data)) : {};
  const [total, first] = parsed.success
    ? await Promise.all([countFilteredEntries(workspaceId, parsed.data), listFilteredEntries(workspaceId, parsed.data, { limit: PAGE_SIZE })])
    : [0, { entries: [], next_cursor: null }];
  const isFiltered = Object.keys(filter).length > 0;

  return (
    <>
      <PageHeader title="Audit trail" description="Every governance decision, hash-chained. Filter the entries, open one to see its hashes, verify the chain." />
      <div className="space-y-6">
        <div className="grid gap-6 lg:grid-cols-2">
          <ChainStatus slug={slug} headSeq={headSeq} />
          {parsed.success && roleCan(member.role, "audit:export") ? <ExportLinks slug={slug} filter={filter} through={headSeq} /> : null}
        </div>
        <FilterForm
          basePath={basePath}
          values={raw}
          agents={options.agents}
          tools={options.tools}
          error={issue ? { field: String(issue.path[0] ?? "filter"), message: issue.message } : null}
        />
        <p className="text-sm text-slate-700" data-testid="match-count">
          {parsed.success ? `${total.toLocaleString("en-US")} ${total === 1 ? "entry matches" : "entries match"}${isFiltered ? " these filters" : ""}` : "Fix or clear the filter to see entries."}
        </p>
        <ExplorerClient
          key={JSON.stringify(filter)}
          slug={slug}
          filter={filter}
          first={first}
          total={total}
          renderedAt={headSeq}
          initialEntry={initialEntry}
          emptyState={
            !parsed.success ? (
              <EmptyState title="The filter is not valid">
                Correct the field named above, or <Link className="text-brand-700 underline" href={basePath}>clear filters</Link>.
              </EmptyState>
            ) : isFiltered ? (
              <EmptyState title="No entries match these filters">
                Widen the time range or remove a filter. <Link className="text-brand-700 underline" href={basePath}>Clear filters</Link>
              </EmptyState>
            ) : (
              <EmptyState title="No events yet">
                Entries are recorded as agents call the API (sessions, scope checks, payments, POST /api/v1/audit) and as members change settings.
              </EmptyState>
            )
          }
        />
      </div>
    </>
  );
}
