// Policies as data: what a workspace publishes, validated with zod whether it arrives as JSON or
// YAML, over the API or from the editor. A policy is an ordered list of rules plus optional
// payment rules (the fields teams use in xBPP policies); see lib/policies/evaluate-action.ts for
// how a decision is reached.
import { z } from "zod";
import { prefixedPathId } from "@/lib/http/path-params";
import { CodeRulesSchema } from "@/lib/exec/code-rules-schema";
import { MoneySchema } from "@/lib/money";
import { AgentIdSchema } from "@/lib/sessions/schemas";

/** From least to most strict: the strictest effect any matching rule asks for wins. */
export const EFFECTS = ["ALLOW", "LOG", "CONSTRAIN", "ESCALATE", "BLOCK"] as const;
export type Effect = (typeof EFFECTS)[number];
export const severity = (effect: Effect) => EFFECTS.indexOf(effect);

export const ACTION_KINDS = ["tool_call", "payment", "secret_read", "code_execution", "llm_call", "message"] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const OPERATORS = ["equals", "not_equals", "in", "not_in", "regex", "lt", "lte", "gt", "gte", "exists"] as const;

/** `amount`, `args.table`, `recipients[0]`: dotted names with optional [index]. */
export const JsonPathSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_-]*(\[\d+\])*(\.[A-Za-z_][A-Za-z0-9_-]*(\[\d+\])*)*$/, "must be a path like amount, args.table or items[0]");

const isValidRegex = (pattern: string) => {
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
};

export const ConditionSchema = z
  .strictObject({ path: JsonPathSchema, op: z.enum(OPERATORS), value: z.unknown().optional() })
  .superRefine((c, ctx) => {
    const fail = (message: string) => ctx.addIssue({ code: "custom", path: ["value"], message });
    if (c.op === "in" || c.op === "not_in") {
      if (!Array.isArray(c.value)) fail(`must be a list for '${c.op}'`);
    } else if (c.op === "regex") {
      if (typeof c.value !== "string" || c.value.length > 500 || !isValidRegex(c.value)) fail("must be a valid regular expression of at most 500 characters");
    } else if (c.op === "lt" || c.op === "lte" || c.op === "gt" || c.op === "gte") {
      if (typeof c.value !== "number" || !Number.isFinite(c.value)) fail(`must be a number for '${c.op}'`);
    } else if (c.op === "exists") {
      if (c.value !== undefined && typeof c.value !== "boolean") fail("must be true or false for 'exists'");
    } else if (c.value === undefined) {
      fail(`is required for '${c.op}'`);
    }
  });
export type Condition = z.infer<typeof ConditionSchema>;

export const ReasonCodeSchema = z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, "must be UPPER_SNAKE_CASE");

export const ConstraintSchema = z
  .strictObject({
    /** Caps numeric parameters, e.g. [{path: "amount", max: 50}]. */
    cap: z.array(z.strictObject({ path: JsonPathSchema, max: z.number().finite() })).max(20).optional(),
    /** Parameters replaced by "[REDACTED]" before the action runs. */
    redact: z.array(JsonPathSchema).max(50).optional(),
  })
  .refine((c) => (c.cap?.length ?? 0) + (c.redact?.length ?? 0) > 0, "must cap or redact something");
export type Constraint = z.infer<typeof ConstraintSchema>;

export const ApprovalSettingsSchema = z.strictObject({
  /** Seconds until an unanswered request expires (counts as denied). */
  expires_in: z.number().int().min(1).max(7 * 86_400).optional(),
  /** Above this amount two distinct reviewers must approve. */
  two_person_above: MoneySchema.optional(),
});
export type ApprovalSettings = z.infer<typeof ApprovalSettingsSchema>;

export const WINDOWS = { minute: 60, hour: 3600, day: 86_400 } as const;

/** A velocity limit: the rule fires only on the matching actions beyond `max` within the window. */
export const RateLimitSchema = z.strictObject({
  max: z.number().int().min(1).max(1_000_000),
  per: z.enum(["minute", "hour", "day"]),
  /** Count the matching actions of every agent of the policy's crew together (crew-targeted policies only). */
  per_crew: z.boolean().optional(),
});
export type RateLimit = z.infer<typeof RateLimitSchema>;

export const RuleSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "must be 1-64 letters, digits or _ . -"),
    description: z.string().max(500).optional(),
    /** Action kinds it applies to; absent: every kind. */
    kinds: z.array(z.enum(ACTION_KINDS)).min(1).optional(),
    /** Tool name globs (`db.*`, `send_*`); absent: every tool. */
    tools: z.array(z.string().min(1).max(200)).min(1).optional(),
    /** Executing agents it applies to; absent: every agent. */
    agents: z.array(AgentIdSchema).min(1).optional(),
    /** Crews (id or name) whose members it applies to; absent: any. */
    crews: z.array(z.string().min(1).max(100)).min(1).optional(),
    /** Conditions on the action's parameters; all must hold. */
    when: z.array(ConditionSchema).max(20).optional(),
    effect: z.enum(EFFECTS),
    constraint: ConstraintSchema.optional(),
    reason: z.strictObject({ code: ReasonCodeSchema, message: z.string().min(1).max(500) }).optional(),
    approval: ApprovalSettingsSchema.optional(),
    /**
     * Makes the rule a velocity rule: it fires only when the executing agent's actions matching it
     * within the window, this one included, exceed `max` (every matching action counts, whatever
     * its outcome).
     */
    rate_limit: RateLimitSchema.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.effect === "CONSTRAIN" && !r.constraint) ctx.addIssue({ code: "custom", path: ["constraint"], message: "is required for CONSTRAIN" });
    if (r.effect !== "CONSTRAIN" && r.constraint) ctx.addIssue({ code: "custom", path: ["constraint"], message: "is only allowed with CONSTRAIN" });
  });
export type Rule = z.infer<typeof RuleSchema>;

const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (24 h)");
const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

export const PaymentRulesSchema = z.strictObject({
  max_single: MoneySchema.optional(),
  hourly_budget: MoneySchema.optional(),
  daily_budget: MoneySchema.optional(),
  escalate_above: MoneySchema.optional(),
  trusted_recipients: z.array(z.string().min(1).max(200)).max(1000).optional(),
  blocked_domains: z.array(z.string().min(1).max(200)).max(1000).optional(),
  allowed_currencies: z.array(z.string().regex(/^[A-Za-z]{3}$/, "must be a 3-letter currency code")).min(1).optional(),
  max_requests_per_minute: z.number().int().min(1).max(100_000).optional(),
  operating_hours: z
    .strictObject({
      start: TimeOfDay,
      end: TimeOfDay,
      time_zone: z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/Berlin"),
      days: z.array(z.enum(WEEKDAYS)).min(1).optional(),
    })
    .optional(),
  expires_at: z.iso.datetime({ offset: true }).optional(),
  /** SUSPICIOUS_PATTERN: this many payments to one recipient within the window escalate. */
  suspicious_pattern: z
    .strictObject({ same_recipient: z.number().int().min(2).max(1000).default(3), within_minutes: z.number().int().min(1).max(1440).default(5) })
    .optional(),
  approval: ApprovalSettingsSchema.optional(),
  /** The windows (requests per minute, hourly and daily budgets, same recipient) count the whole crew's payments (crew-targeted policies only). */
  per_crew: z.boolean().optional(),
});
export type PaymentRules = z.infer<typeof PaymentRulesSchema>;

export const PolicyTargetSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("all") }),
  z.strictObject({ kind: z.literal("crew"), crew_id: z.string().startsWith("crw_", "must be a crew id (crw_...)") }),
  z.strictObject({ kind: z.literal("agent"), agent_id: AgentIdSchema }),
]);

export const PolicyDocumentSchema = z
  .strictObject({
    name: z.string().min(1).max(100),
    description: z.string().max(2000).optional(),
    target: PolicyTargetSchema.default({ kind: "all" }),
    /** What an action no rule matches gets: deny by default. */
    default: z.enum(["ALLOW", "BLOCK"]).default("BLOCK"),
    rules: z.array(RuleSchema).max(1000).default([]),
    payments: PaymentRulesSchema.optional(),
    /** What code the targeted agents may run (actions of kind code_execution analysed by /api/v1/exec/evaluate). */
    code: CodeRulesSchema.optional(),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    const crewOnly = "is only allowed in a policy whose target is a crew";
    p.rules.forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: "custom", path: ["rules", i, "id"], message: `'${rule.id}' is used by an earlier rule` });
      seen.add(rule.id);
      if (rule.rate_limit?.per_crew && p.target.kind !== "crew") ctx.addIssue({ code: "custom", path: ["rules", i, "rate_limit", "per_crew"], message: crewOnly });
    });
    if (p.payments?.per_crew && p.target.kind !== "crew") ctx.addIssue({ code: "custom", path: ["payments", "per_crew"], message: crewOnly });
  });
export type PolicyDocument = z.infer<typeof PolicyDocumentSchema>;

export const PolicyIdParams = z.object({ id: prefixedPathId("pol_", "a policy id") });

/** POST …/publish: empty to publish the draft, {version} to publish an earlier version again. */
export const PublishSchema = z.strictObject({ version: z.number().int().min(1).max(2_147_483_647).optional() });

const smallJson = (max: number) => (value: unknown) => JSON.stringify(value).length <= max;

export const EvaluateSchema = z.strictObject({
  session_id: z.string().min(1).max(64),
  kind: z.enum(ACTION_KINDS),
  tool: z.string().max(200).default(""),
  action: z.string().min(1).max(200),
  params: z.record(z.string(), z.unknown()).default({}).refine(smallJson(16_384), "must be at most 16 KiB of JSON"),
  /** The agent that proposed the action, if another one did: recorded, never decisive. */
  suggested_by: AgentIdSchema.optional(),
  conversation: z
    .strictObject({ group: z.string().max(200).optional(), turn: z.number().int().min(0).optional(), message: z.string().max(4000).optional() })
    .optional(),
});
export type EvaluateInput = z.infer<typeof EvaluateSchema>;

export const SimulateSchema = z.strictObject({ limit: z.number().int().min(1).max(10_000).default(1000) });
