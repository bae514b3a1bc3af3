// Formatting shared by the dashboards' charts and tables (UTC, like the buckets).
export type BucketUnit = "hour" | "day";

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count = new Intl.NumberFormat("en-US");

export const formatMoney = (n: number) => money.format(n);
export const formatCount = (n: number) => count.format(n);

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A bucket's start for an axis: "14:00" for hours, "Mar 4" for days (UTC). */
export function formatBucket(iso: string, unit: BucketUnit): string {
  const d = new Date(iso);
  if (unit === "hour") return `${String(d.getUTCHours()).padStart(2, "0")}:00`;
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
}

/** A bucket for a tooltip or summary: "Mar 4, 14:00 UTC" or "Mar 4 (UTC)". */
export function formatBucketLong(iso: string, unit: BucketUnit): string {
  const d = new Date(iso);
  const dayPart = `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
  return unit === "hour" ? `${dayPart}, ${formatBucket(iso, unit)} UTC` : `${dayPart} (UTC)`;
}

/** "2026-03-04 14:05 UTC" */
export const formatInstant = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;
