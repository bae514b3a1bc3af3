// The read side of the code-execution gate: the query of GET /api/v1/exec (also the filters of the
// Executions page, which keeps them in its URL) and the receipt id of GET /api/v1/exec/{receipt_id}.
import { z } from "zod";
import { prefixedPathId } from "@/lib/http/path-params";
import { CODE_LANGUAGES } from "./types";

export const CODE_DECISIONS = ["ALLOW", "LOG", "CONSTRAIN", "ESCALATE", "BLOCK"] as const;
/** pending: no result reported yet; reported: any result; ok | error | killed: that result. */
export const RESULT_FILTERS = ["pending", "reported", "ok", "error", "killed"] as const;
export type ResultFilter = (typeof RESULT_FILTERS)[number];

// "<created_at ISO>~<receipt id>" base64url-encoded: the last run of the page before.
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)~(aud_[0-9A-Za-z]{1,60})$/;

export const encodeRunCursor = (createdAt: string, id: string) => Buffer.from(`${createdAt}~${id}`, "utf8").toString("base64url");

const RunCursorSchema = z
  .string()
  .max(200)
  .transform((cursor, ctx) => {
    const match = CURSOR.exec(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!match) {
      ctx.addIssue({ code: "custom", message: "is not a cursor this list returned" });
      return z.NEVER;
    }
    return { createdAt: new Date(match[1]!), id: match[2]! };
  });

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
