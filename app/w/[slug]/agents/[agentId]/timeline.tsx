"use client";

// The agent's audit timeline: newest first, pages of 25 from the server (the first one rendered
// with the page), more when the end of the list scrolls into view or on "Load more".
import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { auditEntriesAction } from "../../audit/actions";
import { TimelineEntryRow, type TimelineEntry } from "./timeline-entry";
import { TIMELINE_PAGE } from "./timeline-options";

type Page = { entries: TimelineEntry[]; next_cursor: number | null };
type Props = { slug: string; filter: Record<string, string>; initial: Page };

export function Timeline({ slug, filter, initial }: Props) {
  const query = useInfiniteQuery({
    queryKey: ["agent-timeline", slug, filter],
    queryFn: async ({ pageParam }) => {
      const result = await auditEntriesAction(slug, { filter, limit: TIMELINE_PAGE, ...(pageParam === null ? {} : { cursor: pageParam }) });
      if (!result.ok) throw new Error(result.error);
      return result.data as Page;
    },
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.next_cursor,
    initialData: { pages: [initial], pageParams: [null] },
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const sentinel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const node = sentinel.current;
    if (!node || !hasNextPage) return;
    const observer = new IntersectionObserver((seen) => {
      if (seen.some((s) => s.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    }, { rootMargin: "200px" });
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const entries = query.data.pages.flatMap((p) => p.entries);
  if (entries.length === 0) {
    return <p className="px-4 py-8 text-center text-sm text-slate-500" data-testid="timeline-empty">No entries match. Clear the filters, or wait for the agent&apos;s next action.</p>;
  }
  return (
    <div>
      <ol className="divide-y divide-slate-100" aria-label="Audit timeline" data-testid="timeline">
        {entries.map((entry) => <TimelineEntryRow key={entry.entry_id} entry={entry} />)}
      </ol>
      <div ref={sentinel} className="flex flex-col items-center gap-2 border-t border-slate-100 px-4 py-4">
        <p className="text-xs text-slate-500" aria-live="polite" data-testid="timeline-count">
          {entries.length} entr{entries.length === 1 ? "y" : "ies"} shown{hasNextPage ? "" : " · the beginning of the trail"}
          {query.isFetchNextPageError ? " · loading more failed" : ""}
        </p>
        {hasNextPage ? (
          <button type="button" className="btn-secondary" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
            {isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        ) : null}
      </div>
    </div>
  );
}
