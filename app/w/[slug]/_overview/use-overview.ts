"use client";

import { useQuery } from "@tanstack/react-query";
import type { Overview } from "@/lib/dashboard/load-overview";
import { overviewAction } from "./actions";

export const REFRESH_MS = 10_000;

/** The overview for a period, refreshed every 10 s from the server render's data on. */
export function useOverview(slug: string, periodParams: Record<string, string>, initial: Overview) {
  return useQuery({
    queryKey: ["overview", slug, periodParams],
    queryFn: async () => {
      const result = await overviewAction(slug, periodParams);
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    initialData: initial,
    refetchInterval: REFRESH_MS,
  });
}
