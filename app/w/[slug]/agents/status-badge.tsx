import type { AgentStatus } from "@/lib/agents/list-agent-statuses";

const STYLES: Record<AgentStatus, { label: string; className: string }> = {
  active: { label: "Active", className: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  idle: { label: "Idle", className: "bg-slate-50 text-slate-700 ring-slate-200" },
  over_budget: { label: "Over budget", className: "bg-red-50 text-red-800 ring-red-200" },
};

export function StatusBadge({ status }: { status: AgentStatus }) {
  const style = STYLES[status];
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style.className}`} data-testid="agent-status">
      {style.label}
    </span>
  );
}
