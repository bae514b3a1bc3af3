// A report's period: whole UTC days from `from` to `to`, both included, at most 366 days.
// Shared by the download route (query string) and the Reports page (its URL).
import { z } from "zod";

export const MAX_PERIOD_DAYS = 366;
const DAY_MS = 86_400_000;

const day = () =>
  z
    .string({ message: "is required (YYYY-MM-DD)" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD")
    .refine((v) => toIsoDay(new Date(`${v}T00:00:00Z`)) === v, "must be a real calendar date");

export const ReportPeriodSchema = z
  .object({ from: day(), to: day() })
  .refine((p) => p.to >= p.from, { message: "must not be before 'from'", path: ["to"] })
  .refine((p) => daysBetween(p.from, p.to) <= MAX_PERIOD_DAYS, {
    message: `must be at most ${MAX_PERIOD_DAYS} days after 'from' (both days included)`,
    path: ["to"],
  })
  .transform((p) => ({
    from: p.from,
    to: p.to,
    /** The first instant of the period (inclusive). */
    start: new Date(`${p.from}T00:00:00Z`),
    /** The instant after the period: midnight UTC after `to` (exclusive). */
    end: new Date(Date.parse(`${p.to}T00:00:00Z`) + DAY_MS),
    days: daysBetween(p.from, p.to),
  }));

export type ReportPeriod = z.output<typeof ReportPeriodSchema>;

export function toIsoDay(date: Date): string {
  return Number.isNaN(date.getTime()) ? "" : date.toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

export type PeriodPreset = { label: string; from: string; to: string };

/** The page's shortcuts, in UTC days ending today. */
export function periodPresets(now: Date): PeriodPreset[] {
  const today = toIsoDay(now);
  const daysAgo = (n: number) => toIsoDay(new Date(now.getTime() - n * DAY_MS));
  const monthStart = `${today.slice(0, 7)}-01`;
  return [
    { label: "Last 7 days", from: daysAgo(6), to: today },
    { label: "Last 30 days", from: daysAgo(29), to: today },
    { label: "This month", from: monthStart, to: today },
  ];
}
