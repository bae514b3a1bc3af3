// The checks every parsed request body (JSON or YAML), path parameter and query value passes
// before zod sees it. One iterative walk — never recursion, so no nesting can overflow the stack:
//  - nesting deeper than MAX_NESTING_DEPTH is refused (zod, JSON.stringify, Prisma's JSON
//    columns and the policy engine all recurse on what we let through);
//  - strings and keys with U+0000 (PostgreSQL cannot store it) or lone UTF-16 surrogates (not
//    valid Unicode) are refused, naming the field;
//  - with `isJsonOnly`, anything JSON cannot hold (YAML's NaN/.inf, !!binary, !!set, !!omap,
//    cyclic aliases) is refused too.
import { AppError } from "@/lib/errors";

/** Containers inside containers: `{"a": {"b": [1]}}` is 3 levels deep. */
export const MAX_NESTING_DEPTH = 64;

/** Values in one input (a 1 MiB JSON body holds fewer; YAML aliases could hold more). */
export const MAX_VALUES = 1_000_000;

type Path = { parent: Path | null; key: string | number } | null;
type Options = { root: string; isJsonOnly?: boolean };

const fieldOf = (path: Path, root: string): string => {
  const keys: (string | number)[] = [];
  for (let at = path; at; at = at.parent) keys.push(at.key);
  return keys.length > 0 ? keys.reverse().join(".") : root;
};

const refuse = (field: string, reason: string) => new AppError("invalid_request", `Invalid ${field}: ${reason}`, { field, reason });

export const isStorableString = (s: string) => !s.includes("\u0000") && s.isWellFormed();

const isPlainObject = (value: object) => {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** Throws 400 invalid_request naming the first offending field; returns the value unchanged. */
export function checkUntrustedValue<T>(value: T, options: Options): T {
  const stack: { value: unknown; path: Path; depth: number }[] = [{ value, path: null, depth: 0 }];
  let count = 0;
  while (stack.length > 0) {
    const { value: item, path, depth } = stack.pop()!;
    if (++count > MAX_VALUES) throw refuse(options.root, `holds more than ${MAX_VALUES} values`);
    if (typeof item === "string") {
      if (!isStorableString(item)) throw refuse(fieldOf(path, options.root), "contains a NUL character or invalid Unicode");
      continue;
    }
    if (typeof item === "number") {
      if (options.isJsonOnly && !Number.isFinite(item)) throw refuse(fieldOf(path, options.root), "must be a finite number");
      continue;
    }
    if (item === null || typeof item === "boolean") continue;
    const isContainer = typeof item === "object" && (Array.isArray(item) || isPlainObject(item));
    if (!isContainer) {
      if (options.isJsonOnly) throw refuse(fieldOf(path, options.root), "is not a JSON value");
      continue;
    }
    // Depth is only checked at containers; a cyclic YAML alias ends here too.
    if (depth >= MAX_NESTING_DEPTH) throw refuse(options.root, `is nested deeper than ${MAX_NESTING_DEPTH} levels`);
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push({ value: item[i], path: { parent: path, key: i }, depth: depth + 1 });
      continue;
    }
    const entries = Object.entries(item);
    for (const [key] of entries) {
      if (!isStorableString(key)) throw refuse(fieldOf({ parent: path, key }, options.root), "contains a NUL character or invalid Unicode");
    }
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      stack.push({ value: child, path: { parent: path, key }, depth: depth + 1 });
    }
  }
  return value;
}
