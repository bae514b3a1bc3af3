"use client";

import { useEffect, useState } from "react";

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
