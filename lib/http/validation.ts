// Turns zod issues into the API's validation error: 400 {error, code, field, reason}.
import { z } from "zod";
import { AppError } from "@/lib/errors";

export function zodToAppError(error: z.ZodError, location: "body" | "query" | "params"): AppError {
  const issue = error.issues[0];
  // An unknown field is named itself, not its parent object.
  const path = issue?.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]!] : (issue?.path ?? []);
  const field = path.length > 0 ? path.join(".") : location;
  const reason = issue ? describeIssue(issue) : "is invalid";
  return new AppError("invalid_request", `Invalid ${field}: ${reason}`, { field, reason });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && /received undefined$/.test(issue.message)) return "is required";
  if (issue.code === "unrecognized_keys") return "is not a known field";
  return issue.message.replace(/^Invalid input: /, "");
}

export function parseWith<T>(schema: z.ZodType<T>, value: unknown, location: "body" | "query" | "params"): T {
  const result = schema.safeParse(value);
  if (!result.success) throw zodToAppError(result.error, location);
  return result.data;
}
