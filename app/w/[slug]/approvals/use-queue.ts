"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
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

/**
 * The server's clock, ticking every second: ages and countdowns stay right when the browser's
 * clock is off. The first render uses the server's time, so it matches the server's HTML.
 */
export function useServerNow(serverNow: string, receivedAt: number) {
  const [now, setNow] = useState(() => Date.parse(serverNow));
  useEffect(() => {
    const skew = Date.parse(serverNow) - receivedAt;
    const tick = () => setNow(Date.now() + skew);
    tick();
    const timer = setInterval(tick, 1_000);
    return () => clearInterval(timer);
  }, [serverNow, receivedAt]);
  return now;
}
