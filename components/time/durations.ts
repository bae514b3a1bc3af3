// Short, readable durations for a queue that changes by the second: "8 s", "4 min 10 s", "2 h 5 min".
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return `${minutes} min ${seconds % 60} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}

export const ago = (iso: string, now: number) => `${formatDuration(now - Date.parse(iso))} ago`;

export function expiresIn(iso: string, now: number): { text: string; isSoon: boolean; isOver: boolean } {
  const left = Date.parse(iso) - now;
  if (left <= 0) return { text: "expired", isSoon: true, isOver: true };
  return { text: `in ${formatDuration(left)}`, isSoon: left < 5 * 60_000, isOver: false };
}
