// The route pattern a request path was served by (`/api/v1/sessions/[id]/check`), for metric
// labels: the pattern, never the raw path, so ids cannot multiply the series. The list mirrors
// the app's route handlers (a unit test compares it with app/**/route.ts). Matching follows
// Next's precedence: at each segment, from the left, a static segment beats a dynamic one.

export const ROUTE_PATTERNS = [
  "/api/healthz",
  "/api/readyz",
  "/api/metrics",
  "/api/openapi.json",
  "/api/internal/cli",
  "/api/mcp",
  "/api/gateway/v1/chat/completions",
  "/api/gateway/v1/models",
  "/api/auth/[...nextauth]",
  "/api/v1/whoami",
  "/api/v1/keys",
  "/api/v1/keys/[prefix]",
  "/api/v1/sessions",
  "/api/v1/sessions/[id]",
  "/api/v1/sessions/[id]/check",
  "/api/v1/payments/authorize",
  "/api/v1/audit",
  "/api/v1/audit/batch",
  "/api/v1/audit/rules",
  "/api/v1/audit/spend",
  "/api/v1/audit/verify",
  "/api/v1/secrets",
  "/api/v1/secrets/[name]",
  "/api/v1/agents",
  "/api/v1/agents/[agent_id]",
  "/api/v1/crews",
  "/api/v1/crews/[id]",
  "/api/v1/crews/[id]/members/[agent_id]",
  "/api/v1/evaluate",
  "/api/v1/exec",
  "/api/v1/exec/evaluate",
  "/api/v1/exec/[receipt_id]",
  "/api/v1/exec/[receipt_id]/result",
  "/api/v1/messages",
  "/api/v1/policies",
  "/api/v1/policies/[id]",
  "/api/v1/policies/[id]/publish",
  "/api/v1/policies/[id]/simulate",
  "/api/v1/policies/[id]/versions",
  "/api/v1/approvals/request",
  "/api/v1/approvals/pending",
  "/api/v1/approvals/[id]",
  "/api/v1/approvals/[id]/approve",
  "/api/v1/approvals/[id]/deny",
  "/api/v1/webhooks",
  "/api/v1/webhooks/[id]",
  "/api/v1/webhooks/[id]/deliveries",
  "/api/v1/gateway/keys",
  "/api/v1/gateway/keys/[id]",
  "/api/v1/gateway/providers",
  "/api/v1/gateway/providers/[name]",
  "/api/v1/gateway/models",
  "/api/v1/gateway/settings",
  "/api/v1/gateway/calls",
  "/api/v1/gateway/calls/[id]",
  "/w/[slug]/audit/export",
  "/w/[slug]/audit/export/manifest",
  "/w/[slug]/reports/compliance",
  "/api/[...path]",
] as const;

/** Any path no listed pattern matches (the /api catch-all answers those with 404). */
export const UNMATCHED_ROUTE = "/api/[...path]";

type Segment = { text: string; kind: "static" | "dynamic" | "catchAll" };
type Compiled = { pattern: string; segments: Segment[] };

const compiled: Compiled[] = ROUTE_PATTERNS.map((pattern) => ({
  pattern,
  segments: pattern
    .split("/")
    .slice(1)
    .map((text) => ({ text, kind: text.startsWith("[...") ? "catchAll" : text.startsWith("[") ? "dynamic" : "static" })),
}));

// Recorded on every request: only the patterns that can match a path's segment count are tried.
const catchAlls = compiled.filter((c) => c.segments.some((s) => s.kind === "catchAll"));
const bySegmentCount = new Map<number, Compiled[]>();
for (const candidate of compiled) {
  if (catchAlls.includes(candidate)) continue;
  const count = candidate.segments.length;
  bySegmentCount.set(count, [...(bySegmentCount.get(count) ?? []), candidate]);
}

/** How well a pattern matches, segment by segment (2 static, 1 dynamic, 0 catch-all); null: no match. */
function score(segments: Segment[], parts: string[]): number[] | null {
  const scores: number[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.kind === "catchAll") return parts.length > i ? [...scores, 0] : null;
    const part = parts[i];
    if (part === undefined) return null;
    if (segment.kind === "static" && part !== segment.text) return null;
    scores.push(segment.kind === "static" ? 2 : 1);
  }
  return parts.length === segments.length ? scores : null;
}

function better(a: number[], b: number[]): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! > b[i]!;
  }
  return a.length > b.length;
}

export function routePattern(pathname: string): string {
  const parts = pathname.split("/").slice(1);
  if (parts.at(-1) === "") parts.pop();
  let best: { pattern: string; scores: number[] } | null = null;
  for (const candidates of [bySegmentCount.get(parts.length) ?? [], catchAlls]) {
    for (const candidate of candidates) {
      const scores = score(candidate.segments, parts);
      if (scores && (!best || better(scores, best.scores))) best = { pattern: candidate.pattern, scores };
    }
  }
  return best?.pattern ?? UNMATCHED_ROUTE;
}
