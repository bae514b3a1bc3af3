import type { Metadata } from "next";
import Link from "next/link";
import { RunsTable } from "@/components/exec/runs-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-member";
import { listCodeRuns } from "@/lib/exec/list-code-runs";
import { ListCodeRunsQuery } from "@/lib/exec/run-schemas";
import { zodToAppError } from "@/lib/http/validation";
import { ExecutionFilterForm } from "./filter-form";

export const metadata: Metadata = { title: "Executions" };

const FIELDS = ["agent_id", "suggested_by", "decision", "language", "result", "from", "to", "cursor"] as const;
type SearchParams = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };

/** The filters from the URL, empty fields (a submitted form's) dropped. */
function chosenFilters(search: SearchParams): Record<string, string> {
  const pairs = FIELDS.map((key) => [key, ([search[key]].flat()[0] ?? "").trim()] as const);
  return Object.fromEntries(pairs.filter(([, value]) => value !== ""));
}

export default async function ExecutionsPage({ params, searchParams }: Props) {
  const member = await requireMember((await params).slug);
  const slug = member.workspace.slug;
  const basePath = `/w/${slug}/executions`;
  const values = chosenFilters(await searchParams);
  const parsed = ListCodeRunsQuery.safeParse(values);
  const error = parsed.success ? null : zodToAppError(parsed.error, "query");
  const page = parsed.success ? await listCodeRuns(member.workspace.id, parsed.data) : null;
  const { cursor, ...filters } = values;
  const older = page?.next_cursor ? `${basePath}?${new URLSearchParams({ ...filters, cursor: page.next_cursor })}` : null;

  return (
    <>
      <PageHeader title="Executions" description="Code the agents asked to run: what the analyser found in it, what the policy decided, and how the run ended." />
      <div className="space-y-6">
        <ExecutionFilterForm basePath={basePath} values={values} error={error ? { field: String(error.fields.field), message: String(error.fields.reason) } : null} />
        {page && page.count > 0 ? (
          <div className="card overflow-x-auto">
            <RunsTable slug={slug} runs={page.executions} />
            {cursor || older ? (
              <nav aria-label="Pages" className="flex justify-end gap-4 border-t border-slate-100 px-4 py-3 text-sm">
                {cursor ? <Link href={`${basePath}?${new URLSearchParams(filters)}`} className="text-brand-700 hover:underline">Newest</Link> : null}
                {older ? <Link href={older} className="text-brand-700 hover:underline">Older →</Link> : null}
              </nav>
            ) : null}
          </div>
        ) : (
          <EmptyState title={page ? "No executions match" : "The filter is not valid"}>
            {Object.keys(values).length ? <Link className="text-brand-700 underline" href={basePath}>Clear filters</Link> : "Runs appear as agents evaluate code through POST /api/v1/exec/evaluate."}
          </EmptyState>
        )}
      </div>
    </>
  );
}
