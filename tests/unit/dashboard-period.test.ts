import { describe, expect, it } from "vitest";
import { bucketStarts, periodFromSearchParams, presetPeriod } from "@/lib/dashboard/period";

const NOW = new Date("2026-03-04T14:25:10.500Z");

describe("dashboard period", () => {
  it("defaults to the last 7 days: seven whole UTC days ending with today's", () => {
    const { period, error } = periodFromSearchParams({}, NOW);
    expect(error).toBeNull();
    expect(period).toMatchObject({ key: "7d", bucket: "day", from: new Date("2026-02-26T00:00:00Z"), to: new Date("2026-03-05T00:00:00Z") });
    expect(bucketStarts(period)).toHaveLength(7);
  });

  it("makes 24h a day of hourly buckets ending with the current hour", () => {
    const period = presetPeriod("24h", NOW);
    expect(period).toMatchObject({ bucket: "hour", from: new Date("2026-03-03T15:00:00Z"), to: new Date("2026-03-04T15:00:00Z") });
    expect(bucketStarts(period)).toHaveLength(24);
  });

  it("reads from/to as whole UTC days, both included: hours up to two days, days beyond", () => {
    const two = periodFromSearchParams({ from: "2026-01-01", to: "2026-01-02" }, NOW).period;
    expect(two).toMatchObject({ key: "custom", bucket: "hour", from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-01-03T00:00:00Z") });
    expect(bucketStarts(two)).toHaveLength(48);
    const three = periodFromSearchParams({ from: "2026-01-01", to: "2026-01-03" }, NOW).period;
    expect(three.bucket).toBe("day");
    expect(bucketStarts(three)).toHaveLength(3);
    expect(three.params).toEqual({ from: "2026-01-01", to: "2026-01-03" });
  });

  it.each([
    [{ period: "1y" }, "period", "must be one of 24h, 7d, 30d, 90d"],
    [{ from: "2026-02-30", to: "2026-03-01" }, "from", "is not a calendar date"],
    [{ from: "yesterday", to: "2026-03-01" }, "from", "must be a date as YYYY-MM-DD"],
    [{ from: "2026-03-02", to: "2026-03-01" }, "to", "must not be before from"],
    [{ from: "2026-03-02" }, "to", "is required with from"],
    [{ period: "7d", from: "2026-03-01", to: "2026-03-02" }, "period", "cannot be combined with from/to"],
    [{ from: "2024-01-01", to: "2026-01-01" }, "to", "must be at most 366 days after from"],
  ])("reports %j as an error naming %s, with the default period instead", (params, field, reason) => {
    const { period, error } = periodFromSearchParams(params, NOW);
    expect(error).toEqual({ field, message: `Invalid ${field}: ${reason}` });
    expect(period.key).toBe("7d");
  });
});
