import { BurnDownChart } from "@/components/charts/burn-down-chart";
import type { BurnDown } from "@/lib/crews/crew-burn-down";
import { money } from "../../sessions/session-cells";
import { windowLabel } from "../budget-progress";

const utc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/** The crew's burn-down, or what to do to get one when the crew has no budget. */
export function BurnDownSection({ burn }: { burn: BurnDown }) {
  const payments = burn.points.length - 2;
  const last = burn.points.at(-1)!;
  if (burn.budget === null) {
    return (
      <p className="text-sm text-slate-600" data-testid="burn-down-empty">
        No budget, so nothing burns down: {money(last.spent)} spent in {payments === 1 ? "1 payment" : `${payments} payments`}. An admin can set a budget with “Edit budget”.
      </p>
    );
  }
  const summary =
    `${money(last.remaining)} of ${money(burn.budget)} remaining after ${payments === 1 ? "1 payment" : `${payments} payments`} ${windowLabel(burn.budget_window, burn.window_start)}` +
    (burn.window_end ? `; the ideal line reaches $0 at ${utc(burn.window_end)}.` : ".");
  return (
    <BurnDownChart
      title="Remaining crew budget over time"
      summary={summary}
      windowStart={burn.window_start}
      windowEnd={burn.window_end}
      now={burn.now}
      points={burn.points.map((p) => ({ at: p.at, remaining: p.remaining ?? 0 }))}
      ideal={burn.ideal}
    />
  );
}
