// A crew's spend against its budget in the current window, as a labelled progress bar.
import { money } from "../sessions/session-cells";

type Props = { spent: number; budget: number | null; window: string; windowStart: string; id: string };

export function windowLabel(window: string, windowStart: string) {
  if (window === "day") return "today (UTC day)";
  if (window === "month") return "this month (UTC)";
  return `this run, since ${windowStart.slice(0, 16).replace("T", " ")} UTC`;
}

export function BudgetProgress({ spent, budget, window, windowStart, id }: Props) {
  const label = windowLabel(window, windowStart);
  if (budget === null) {
    return (
      <p className="text-sm text-slate-600" data-testid="budget-progress">
        <span className="font-medium tabular-nums text-slate-900">{money(spent)}</span> spent {label} · no budget
      </p>
    );
  }
  const share = budget === 0 ? (spent > 0 ? 1 : 0) : spent / budget;
  const percent = Math.min(100, Math.round(share * 100));
  const color = share >= 1 ? "bg-red-600" : share >= 0.8 ? "bg-amber-500" : "bg-brand-600";
  return (
    <div data-testid="budget-progress">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span id={`${id}-label`}>
          <span className="font-medium tabular-nums text-slate-900">{money(spent)}</span> of {money(budget)} spent {label}
        </span>
        <span className="tabular-nums text-slate-600">{money(Math.max(0, budget - spent))} left</span>
      </div>
      <div
        role="progressbar"
        aria-labelledby={`${id}-label`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% of the budget spent`}
        className="mt-2 h-2.5 w-full overflow-hidden rounded-full bg-slate-100"
      >
        <div className={`h-full rounded-full ${color}`} style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
