"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { EntryView } from "@/components/audit/types";
import { auditEntriesAction, auditEntryAction } from "./actions";
import { PAGE_SIZE } from "./constants";

export type EntriesPage = { entries: EntryView[]; next_cursor: number | null };

async function unwrap<T>(result: Promise<{ ok: true; data: T } | { ok: false; error: string }>): Promise<T> {
  const answer = await result;
  if (!answer.ok) throw new Error(answer.error);
  return answer.data;
}

/**
 * The matching entries, newest first: the server-rendered first page, then the pages below it.
 * `renderedAt` (the chain head when the server rendered) is part of the key, so a newer render
 * of the same filter starts from its own first page.
 */
export function useEntries(slug: string, filter: Record<string, string>, first: EntriesPage, renderedAt: number) {
  return useInfiniteQuery({
    queryKey: ["audit-entries", slug, filter, renderedAt],
    queryFn: ({ pageParam }) => unwrap(auditEntriesAction(slug, { filter, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) })),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.next_cursor,
    initialData: { pages: [first], pageParams: [null] },
    staleTime: Infinity,
  });
}

/** One entry for the drawer (null: no such seq in this workspace). */
export function useEntry(slug: string, seq: number | null, initial: EntryView | null | undefined) {
  return useQuery({
    queryKey: ["audit-entry", slug, seq],
    queryFn: () => unwrap(auditEntryAction(slug, { seq })),
    enabled: seq !== null,
    staleTime: Infinity,
    ...(initial !== undefined && seq !== null && (initial === null || initial.seq === seq) ? { initialData: initial } : {}),
  });
}
