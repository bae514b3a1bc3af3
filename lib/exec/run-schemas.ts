// The read side of the code-execution gate: the query of GET /api/v1/exec (also the filters of the
// Executions page, which keeps them in its URL) and the receipt id of GET /api/v1/exec/{receipt_id}.
import { z } from "zod";
import { keysetCursorSchema } from "@/lib/http/keyset-cursor";
import { prefixedPathId } from "@/lib/http/path-params";
import { CODE_LANGUAGES } from "./types";

export const CODE_DECISIONS = ["ALLOW", "LOG", "CONSTRAIN", "ESCALATE", "BLOCK"] as const;
/** pending: no result reported yet; reported: any result; ok | error | killed: that result. */
export const RESULT_FILTERS = ["pending", "reported", "ok", "error", "killed"] as const;
export type ResultFilter = (typeof RESULT_FILTERS)[number];

/** The keyset cursor of the runs list: the (created_at, receipt id) to continue below. */
const RunCursorSchema = keysetCursorSchema("aud_");

const agentId = z.string().min(1, "must not be empty").max(128, "must be at most 128 characters");
const instant = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z" }).transform((v) => new Date(v));

export const ListCodeRunsQuery = z
  .strictObject({
    agent_id: agentId.optional(),
    suggested_by: agentId.optional(),
    decision: z.enum(CODE_DECISIONS, `must be one of ${CODE_DECISIONS.join(", ")}`).optional(),
    language: z.enum(CODE_LANGUAGES, `must be one of ${CODE_LANGUAGES.join(", ")}`).optional(),
    result: z.enum(RESULT_FILTERS, `must be one of ${RESULT_FILTERS.join(", ")}`).optional(),
    from: instant.optional(),
    to: instant.optional(),
    limit: z
      .string()
      .regex(/^\d+$/, "must be a whole number")
      .transform(Number)
      .pipe(z.number().int().min(1, "must be at least 1").max(100, "must be at most 100"))
      .default(25),
    cursor: RunCursorSchema.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "must not be before from" });
export type ListCodeRunsInput = z.input<typeof ListCodeRunsQuery>;
export type CodeRunFilters = z.output<typeof ListCodeRunsQuery>;

export const CodeRunParams = z.object({ receipt_id: prefixedPathId("aud_", "a receipt id") });
