// The dashboards' period: a preset (?period=24h|7d|30d|90d) or whole UTC days
// (?from=YYYY-MM-DD&to=YYYY-MM-DD, both included). Periods are whole buckets, half-open
// [from, to): hours up to 48 hours, days beyond, so every chart bucket covers the same span.
import { z } from "zod";
import { zodToAppError } from "@/lib/http/validation";

export const PRESETS = ["24h", "7d", "30d", "90d"] as const;
export type Preset = (typeof PRESETS)[number];
export const DEFAULT_PRESET: Preset = "7d";
export type Bucket = "hour" | "day";

export type Period = {
  /** The preset, or "custom" for a from/to range. */
  key: Preset | "custom";
  from: Date;
  to: Date;
  bucket: Bucket;
  label: string;
  /** The search parameters that choose this period again. */
  params: Record<string, string>;
};

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MAX_DAYS = 366;
const PRESET_BUCKETS: Record<Preset, { bucket: Bucket; count: number; label: string }> = {
  "24h": { bucket: "hour", count: 24, label: "Last 24 hours" },
  "7d": { bucket: "day", count: 7, label: "Last 7 days" },
  "30d": { bucket: "day", count: 30, label: "Last 30 days" },
  "90d": { bucket: "day", count: 90, label: "Last 90 days" },
};

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "is not a calendar date")
  .transform((v) => new Date(`${v}T00:00:00Z`));

export const PeriodSchema = z
  .object({
    period: z.enum(PRESETS, { message: `must be one of ${PRESETS.join(", ")}` }).optional(),
    from: day.optional(),
    to: day.optional(),
  })
  .superRefine((p, ctx) => {
    // Runs even when a field failed (zod 4): only compare dates that parsed.
    if (!(p.from === undefined || p.from instanceof Date) || !(p.to === undefined || p.to instanceof Date)) return;
    if (p.period && (p.from || p.to)) ctx.addIssue({ code: "custom", path: ["period"], message: "cannot be combined with from/to" });
    if (p.from && !p.to) ctx.addIssue({ code: "custom", path: ["to"], message: "is required with from" });
    if (p.to && !p.from) ctx.addIssue({ code: "custom", path: ["from"], message: "is required with to" });
    if (p.from && p.to && p.to < p.from) ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
    if (p.from && p.to && (p.to.getTime() - p.from.getTime()) / DAY_MS >= MAX_DAYS) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `must be at most ${MAX_DAYS} days after from` });
    }
  });
export type PeriodInput = z.input<typeof PeriodSchema>;

export const bucketMs = (bucket: Bucket) => (bucket === "hour" ? HOUR_MS : DAY_MS);

/** The start of the bucket holding `at`, in UTC. */
export function bucketStart(at: Date, bucket: Bucket): Date {
  const size = bucketMs(bucket);
  return new Date(Math.floor(at.getTime() / size) * size);
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** A preset ending with the bucket that holds `now`. */
export function presetPeriod(key: Preset, now = new Date()): Period {
  const { bucket, count, label } = PRESET_BUCKETS[key];
  const to = new Date(bucketStart(now, bucket).getTime() + bucketMs(bucket));
  const from = new Date(to.getTime() - count * bucketMs(bucket));
  return { key, from, to, bucket, label, params: { period: key } };
}

/** Whole UTC days from `from` to `to`, both included. */
export function rangePeriod(fromDay: Date, toDay: Date): Period {
  const to = new Date(toDay.getTime() + DAY_MS);
  const bucket: Bucket = to.getTime() - fromDay.getTime() <= 2 * DAY_MS ? "hour" : "day";
  const label = fromDay.getTime() === toDay.getTime() ? `${isoDay(fromDay)} (UTC)` : `${isoDay(fromDay)} to ${isoDay(toDay)} (UTC)`;
  return { key: "custom", from: fromDay, to, bucket, label, params: { from: isoDay(fromDay), to: isoDay(toDay) } };
}

export type PeriodResult = { period: Period; error: null } | { period: Period; error: { field: string; message: string } };

/**
 * Reads the period from search parameters. A bad one is reported (field and message, for an
 * inline error) alongside the default period, so the page still renders.
 */
export function periodFromSearchParams(params: Record<string, string | string[] | undefined>, now = new Date()): PeriodResult {
  const first = (key: string) => {
    const value = params[key];
    const text = Array.isArray(value) ? value[0] : value;
    return text === undefined || text === "" ? undefined : text;
  };
  const parsed = PeriodSchema.safeParse({ period: first("period"), from: first("from"), to: first("to") });
  if (!parsed.success) {
    const error = zodToAppError(parsed.error, "query");
    return { period: presetPeriod(DEFAULT_PRESET, now), error: { field: String(error.fields.field), message: error.message } };
  }
  return { period: resolvePeriod(parsed.data, now), error: null };
}

export function resolvePeriod(input: z.output<typeof PeriodSchema>, now = new Date()): Period {
  if (input.from && input.to) return rangePeriod(input.from, input.to);
  return presetPeriod(input.period ?? DEFAULT_PRESET, now);
}

/** The start of every bucket of the period, oldest first. */
export function bucketStarts(period: Period): Date[] {
  const size = bucketMs(period.bucket);
  const starts: Date[] = [];
  for (let t = period.from.getTime(); t < period.to.getTime(); t += size) starts.push(new Date(t));
  return starts;
}
