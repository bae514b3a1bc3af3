// API-key scopes. A key holds a list of scopes; a route requires one. `*` grants everything,
// `<resource>:*` grants every action on a resource, and `<resource>:write` implies `:read`.
import { z } from "zod";

export const RESOURCES = [
  "keys",
  "sessions",
  "payments",
  "audit",
  "agents",
  "crews",
  "vault",
  "approvals",
  "policies",
  "webhooks",
  "gateway",
] as const;

export const KNOWN_SCOPES: readonly string[] = [
  "*",
  ...RESOURCES.flatMap((r) => [`${r}:read`, `${r}:write`, `${r}:*`]),
  // Deciding approval requests is its own right: agents that raise requests hold approvals:write.
  "approvals:decide",
];

export type Scope = "*" | `${(typeof RESOURCES)[number]}:${"read" | "write"}` | "approvals:decide";

export const ScopeSchema = z
  .string()
  .refine((s) => KNOWN_SCOPES.includes(s), { message: "is not a known scope" });

export function scopeGrants(granted: string, required: Scope): boolean {
  if (granted === "*" || granted === required) return true;
  const [resource, action] = required.split(":");
  if (granted === `${resource}:*`) return true;
  return action === "read" && granted === `${resource}:write`;
}

/** Every scope a key may hold that grants `required` (what the database matches keys against). */
export function grantingScopes(required: Scope): string[] {
  const [resource, action] = required.split(":");
  if (required === "*") return ["*"];
  return ["*", required, `${resource}:*`, ...(action === "read" ? [`${resource}:write`] : [])];
}

/** Scopes a route may require (for tests and documentation). */
export function requirableScopes(): Scope[] {
  return ["*", ...RESOURCES.flatMap((r) => [`${r}:read`, `${r}:write`] as Scope[]), "approvals:decide"];
}

export function hasScope(granted: readonly string[], required: Scope): boolean {
  return granted.some((g) => scopeGrants(g, required));
}

/** A key may only hand out scopes it holds itself, so keys cannot escalate privileges. */
export function canDelegate(granted: readonly string[], requested: string): boolean {
  if (granted.includes("*")) return true;
  if (requested === "*") return false;
  const [resource, action] = requested.split(":");
  if (action === "*") return granted.includes(`${resource}:*`);
  return hasScope(granted, requested as Scope);
}
