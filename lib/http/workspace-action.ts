// The one wrapper for server actions: signed-in member of the workspace, role permission
// checked on the server, input validated with zod, errors mapped like the API's.
import { z } from "zod";
import { memberOrThrow, type MemberContext } from "@/lib/auth/current-member";
import { roleCan, ROLE_LABELS, type Permission } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { checkUntrustedValue } from "./untrusted-value";
import { parseWith } from "./validation";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; code: string; field?: string };

export function workspaceAction<I, O>(
  options: { schema: z.ZodType<I>; permission: Permission },
  run: (input: I, member: MemberContext) => Promise<O>,
): (slug: string, input: unknown) => Promise<ActionResult<O>> {
  return async (slug, input) => {
    try {
      const member = await memberOrThrow(slug);
      if (!roleCan(member.role, options.permission)) {
        throw new AppError("forbidden", `Your role (${ROLE_LABELS[member.role]}) does not allow this`);
      }
      // Like API bodies: no nesting that could overflow a recursive consumer, no unstorable strings.
      const checked = checkUntrustedValue(input, { root: "body" });
      return { ok: true, data: await run(parseWith(options.schema, checked, "body"), member) };
    } catch (error) {
      if (error instanceof AppError) {
        const field = typeof error.fields.field === "string" ? error.fields.field : undefined;
        return { ok: false, error: error.message, code: error.code, ...(field ? { field } : {}) };
      }
      logger.error("server action failed", { error });
      return { ok: false, error: "Something went wrong; please try again", code: "internal_error" };
    }
  };
}

/** The audit actor of a signed-in member. */
export const userActor = (member: MemberContext) => ({ type: "user" as const, id: member.userId });

/** A server action only admins may run (permission workspace:manage). */
export const adminAction = <I, O>(schema: z.ZodType<I>, run: (input: I, member: MemberContext) => Promise<O>) =>
  workspaceAction({ schema, permission: "workspace:manage" }, run);
