// The audit trail's filters, shared by the explorer (kept in its URL), the agent timeline and
// the exports: one schema for search parameters, one SQL condition for every reader.
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";

const DECISIONS = ["ALLOW", "LOG", "CONSTRAIN", "BLOCK", "ESCALATE"] as const;
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .optional()
    .transform((v) => (v ? v : undefined));
const instant = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const date = new Date(v);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "must be a date and time (ISO 8601)" });
      return z.NEVER;
    }
    return date;
  });

export const AuditFilterSchema = z
  .object({
    agent: optionalText(128),
    session: optionalText(64),
    tool: optionalText(128),
    decision: z
      .enum([...DECISIONS, "NONE", ""], { message: `must be one of ${DECISIONS.join(", ")} or NONE` })
      .optional()
      .transform((v) => (v ? v : undefined)),
    flagged: z
      .enum(["true", "false", ""], { message: "must be true or false" })
      .optional()
      .transform((v) => (v === "true" ? true : v === "false" ? false : undefined)),
    from: instant,
    to: instant,
    q: optionalText(200),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "must not be before 'from'", path: ["to"] });
export type AuditFilter = z.output<typeof AuditFilterSchema>;

/** The filter as URL search parameters (only the fields that are set), for links and exports. */
export function filterToSearchParams(filter: AuditFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    params.set(key, value instanceof Date ? value.toISOString() : String(value));
  }
  return params;
}

/** Reads a filter from search parameters (a URLSearchParams or a Next page's searchParams). */
export function searchParamsToInput(params: URLSearchParams | Record<string, string | string[] | undefined>) {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  const input: Record<string, string> = {};
  for (const [key, value] of entries) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && key in AuditFilterSchema.shape) input[key] = first;
  }
  return input;
}

const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The WHERE condition (on alias `e`) selecting a workspace's entries that match the filter. */
export function filterCondition(workspaceId: string, filter: AuditFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`e.workspace_id = ${workspaceId}`];
  if (filter.agent) parts.push(Prisma.sql`e.agent_id = ${filter.agent}`);
  if (filter.session) parts.push(Prisma.sql`e.session_id = ${filter.session}`);
  if (filter.tool) parts.push(Prisma.sql`e.tool = ${filter.tool}`);
  if (filter.decision === "NONE") parts.push(Prisma.sql`e.decision IS NULL`);
  else if (filter.decision) parts.push(Prisma.sql`e.decision = ${filter.decision}`);
  if (filter.flagged !== undefined) parts.push(Prisma.sql`e.flagged = ${filter.flagged}`);
  if (filter.from) parts.push(Prisma.sql`e.created_at >= ${filter.from}`);
  if (filter.to) parts.push(Prisma.sql`e.created_at <= ${filter.to}`);
  if (filter.q) {
    const pattern = like(filter.q);
    parts.push(Prisma.sql`(e.details::text ILIKE ${pattern} OR e.action ILIKE ${pattern} OR e.id = ${filter.q})`);
  }
  return Prisma.join(parts, " AND ");
}
