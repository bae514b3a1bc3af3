"use client";

// The explorer's live part: the table of matching entries (more pages as the list scrolls into
// view or on "Load more") and the entry drawer, whose seq lives in the URL (?entry=).
import { useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";
import { EntriesTable } from "@/components/audit/entries-table";
import { EntryDrawer } from "@/components/audit/entry-drawer";
import { entryParam, showEntry } from "@/components/audit/entry-url";
import type { EntryView } from "@/components/audit/types";
import { useEntries, useEntry, type EntriesPage } from "./use-entries";

type Props = {
  slug: string;
  filter: Record<string, string>;
  first: EntriesPage;
  total: number;
  renderedAt: number;
  initialEntry: EntryView | null | undefined;
  emptyState: React.ReactNode;
};

export function ExplorerClient({ slug, filter, first, total, renderedAt, initialEntry, emptyState }: Props) {
  const searchParams = useSearchParams();
  const search = searchParams.toString();
  const seq = entryParam(searchParams.get("entry"));
  const entries = useEntries(slug, filter, first, renderedAt);
  const entry = useEntry(slug, seq, initialEntry);
  const opener = useRef<number | null>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const rows = entries.data.pages.flatMap((page) => page.entries);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = entries;

  useEffect(() => {
    const target = sentinel.current;
    if (!target || !hasNextPage) return;
    const observer = new IntersectionObserver((seen) => {
      if (seen.some((s) => s.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    }, { rootMargin: "400px" });
    observer.observe(target);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const open = (next: number) => {
    opener.current ??= next;
    showEntry(next);
  };
  const close = () => {
    showEntry(null);
    const row = opener.current;
    opener.current = null;
    // Focus goes back to the row that opened the drawer (the dialog alone would not know it).
    if (row !== null) requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-entry-seq="${row}"]`)?.focus());
  };
  const filterHref = (field: "agent" | "session", value: string) => `/w/${slug}/audit?${new URLSearchParams({ [field]: value })}`;

  return (
    <>
      {rows.length === 0 ? emptyState : <EntriesTable entries={rows} search={search} onOpen={open} />}
      <div ref={sentinel} className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
        <span aria-live="polite" data-testid="shown-count" className={rows.length === 0 ? "sr-only" : undefined}>
          Showing {rows.length.toLocaleString("en-US")} of {total.toLocaleString("en-US")} matching entries
        </span>
        {hasNextPage ? (
          <button type="button" className="btn-secondary" disabled={isFetchingNextPage} onClick={() => void fetchNextPage()}>
            {isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        ) : null}
        {entries.isFetchNextPageError ? <span role="alert" className="text-red-700">Could not load more: {entries.error?.message}</span> : null}
      </div>
      <EntryDrawer
        seq={seq}
        entry={entry.data}
        error={entry.isError ? entry.error.message : null}
        filterHref={filterHref}
        onOpen={open}
        onClose={close}
      />
    </>
  );
}
