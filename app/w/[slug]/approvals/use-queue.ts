"use client";

import { useQuery } from "@tanstack/react-query";
import { approvalQueueAction } from "./actions";
import type { ApprovalQueue } from "./load-queue";

export const POLL_MS = 2_000;
export const queueKey = (slug: string) => ["approvals", slug] as const;

/** The queue, polled every 2 s from the first paint's data on; errors keep the last data. */
export function useApprovalQueue(slug: string, initial: ApprovalQueue) {
  return useQuery({
    queryKey: queueKey(slug),
    queryFn: async () => {
      const result = await approvalQueueAction(slug);
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    initialData: initial,
    refetchInterval: POLL_MS,
  });
}
