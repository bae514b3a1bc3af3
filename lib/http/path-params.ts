// The one schema for ids taken from a URL path (/sessions/{id}, /crews/{id}, /policies/{id}, ...):
// something a path segment can carry and the database can store, so a hostile id answers 400
// naming the parameter instead of reaching a query. (NUL and invalid Unicode are refused even
// earlier, for every parameter, by checkUntrustedValue in withApiKey.)
import { z } from "zod";

export const MAX_PATH_ID_LENGTH = 128;

export const PathIdSchema = z
  .string()
  .min(1, "must not be empty")
  .max(MAX_PATH_ID_LENGTH, `must be at most ${MAX_PATH_ID_LENGTH} characters`)
  .regex(/^[^\s\u0000-\u001f\u007f/\\]+$/, "must not contain spaces, slashes or control characters");

/** An id with its type prefix, e.g. prefixedPathId("pol_", "a policy id"). */
export const prefixedPathId = (prefix: string, what: string) => PathIdSchema.startsWith(prefix, `must be ${what} (${prefix}...)`);
