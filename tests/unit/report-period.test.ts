import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/http/validation";
import { periodPresets, ReportPeriodSchema } from "@/lib/reports/report-period";

function fieldOf(query: Record<string, string>): { field: unknown; reason: unknown } {
  try {
    parseWith(ReportPeriodSchema, query, "query");
  } catch (error) {
    if (error instanceof AppError) return { field: error.fields.field, reason: error.fields.reason };
    throw error;
  }
  throw new Error("expected a validation error");
}

describe("a report period", () => {
  it("covers whole UTC days, both ends included", () => {
    const period = parseWith(ReportPeriodSchema, { from: "2026-02-01", to: "2026-02-28" }, "query");
    expect(period).toEqual({
      from: "2026-02-01",
      to: "2026-02-28",
      start: new Date("2026-02-01T00:00:00.000Z"),
      end: new Date("2026-03-01T00:00:00.000Z"),
      days: 28,
    });
  });

  it("may be a single day and up to 366 days", () => {
    expect(parseWith(ReportPeriodSchema, { from: "2026-03-05", to: "2026-03-05" }, "query").days).toBe(1);
    expect(parseWith(ReportPeriodSchema, { from: "2024-01-01", to: "2024-12-31" }, "query").days).toBe(366);
  });

  it("names the field that is missing, malformed or not a calendar date", () => {
    expect(fieldOf({ to: "2026-01-01" }).field).toBe("from");
    expect(fieldOf({ from: "2026-01-01" }).field).toBe("to");
    expect(fieldOf({ from: "yesterday", to: "2026-01-01" })).toEqual({ field: "from", reason: "must be a date as YYYY-MM-DD" });
    expect(fieldOf({ from: "2026-01-01", to: "2026-02-30" })).toEqual({ field: "to", reason: "must be a real calendar date" });
  });

  it("refuses `to` before `from`, and a range over 366 days, naming `to`", () => {
    expect(fieldOf({ from: "2026-03-02", to: "2026-03-01" })).toEqual({ field: "to", reason: "must not be before 'from'" });
    expect(fieldOf({ from: "2025-01-01", to: "2026-01-02" }).field).toBe("to");
    expect(String(fieldOf({ from: "2025-01-01", to: "2026-01-02" }).reason)).toMatch(/366 days/);
  });
});

describe("period presets", () => {
  it("end today (UTC): last 7 days, last 30 days, this month", () => {
    expect(periodPresets(new Date("2026-03-15T23:30:00Z"))).toEqual([
      { label: "Last 7 days", from: "2026-03-09", to: "2026-03-15" },
      { label: "Last 30 days", from: "2026-02-14", to: "2026-03-15" },
      { label: "This month", from: "2026-03-01", to: "2026-03-15" },
    ]);
  });
});
