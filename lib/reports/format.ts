// How a compliance report writes its figures, the same in the PDF and the on-screen preview.

/** "USD 1,234.50": the currency code (any currency prints in the PDF's standard fonts), 2 to 6 decimals. */
export function formatMoney(amount: number | null, currency: string | null): string {
  if (amount === null) return "—";
  const digits = amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 6 });
  return currency ? `${currency} ${digits}` : digits;
}

/** "2026-11-21 14:03:05 UTC" (without " UTC" in columns whose header says it) */
export function formatInstant(iso: string | null, options: { zone: boolean } = { zone: true }): string {
  if (!iso) return "—";
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${options.zone ? " UTC" : ""}`;
}

export const formatCount = (n: number) => n.toLocaleString("en-US");

export const formatPercent = (p: number) => `${p.toFixed(1)}%`;

export const OUTCOME_LABELS: Record<string, string> = {
  ALLOW: "Allowed",
  LOG: "Allowed and logged",
  CONSTRAIN: "Constrained",
  ESCALATE: "Escalated to a reviewer",
  BLOCK: "Blocked or denied",
};

export function chainSummary(chain: { isVerified: boolean; entriesChecked: number; brokenAtSeq: number | null }): string {
  if (chain.isVerified) return `verified (${formatCount(chain.entriesChecked)} entries)`;
  return chain.brokenAtSeq === null ? "BROKEN" : `BROKEN at seq ${chain.brokenAtSeq}`;
}

export const SPEND_DEFINITION =
  "Spend counts authorized payments, as budgets do: each payment the database authorized and charged to its session, agent and crew budgets, at the time it was authorized. Refused payments and costs that agents only log are not spend.";

export const DECISIONS_DEFINITION =
  "Decisions are the audit events recorded in the period that carry an outcome: scope checks, payments, policy evaluations, approval decisions and logged actions.";

export const CHAIN_DEFINITION =
  "The whole audit chain of the workspace, not only the period, is recomputed in the database when the report is made: every entry's hash and its link to the entry before it.";
