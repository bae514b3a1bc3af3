const STYLES: Record<string, string> = {
  ALLOW: "bg-emerald-50 text-emerald-800",
  LOG: "bg-sky-50 text-sky-800",
  CONSTRAIN: "bg-amber-50 text-amber-800",
  BLOCK: "bg-red-50 text-red-800",
  ESCALATE: "bg-violet-50 text-violet-800",
};

export function DecisionBadge({ decision }: { decision: string | null }) {
  if (!decision) return <span className="text-slate-400">—<span className="sr-only">no decision</span></span>;
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${STYLES[decision] ?? "bg-slate-100 text-slate-700"}`}>{decision}</span>;
}
