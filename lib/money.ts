// Money is exact: amounts travel as JSON numbers in the workspace currency and are stored as
// integer micro-units (millionths) in BIGINT columns; sums happen in the database.
import { z } from "zod";

export const MICROS_PER_UNIT = 1_000_000;

export function toMicros(amount: number): bigint {
  const scaled = amount * MICROS_PER_UNIT;
  return BigInt(Math.round(scaled));
}

export function fromMicros(micros: bigint | number | null | undefined): number | null {
  if (micros === null || micros === undefined) return null;
  return Number(micros) / MICROS_PER_UNIT;
}

const hasAtMostSixDecimals = (n: number) => Math.abs(n * MICROS_PER_UNIT - Math.round(n * MICROS_PER_UNIT)) < 1e-3;

/** A non-negative amount with at most six decimal places (micro-units). */
export const MoneySchema = z
  .number()
  .finite()
  .min(0, "must be 0 or more")
  .max(1_000_000_000, "must be at most 1,000,000,000")
  .refine(hasAtMostSixDecimals, "must have at most 6 decimal places");
