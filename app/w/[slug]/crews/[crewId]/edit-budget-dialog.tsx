"use client";

import { useState } from "react";
import { toast } from "sonner";
import { errorFor, useServerAction } from "@/components/forms/use-server-action";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { updateCrewAction } from "../actions";
import { parseBudget, SelectField, TextField, WINDOW_OPTIONS } from "../fields";

type Input = { crew_id: string; budget: number | null; token_budget: number | null; budget_window: string; reset_spent?: true };
const FIELDS = ["budget", "token_budget", "budget_window", "reset_spent"] as const;
type Props = { slug: string; crewId: string; budget: number | null; tokenBudget: number | null; window: string };

/** Admins change a crew's budget and window, and can start a new run (spend back to 0). */
export function EditBudgetDialog({ slug, crewId, budget, tokenBudget, window }: Props) {
  const [isOpen, setIsOpen] = useState(false);
  const update = useServerAction(
    (input: Input) => updateCrewAction(slug, input),
    (crew) => {
      toast.success(crew.budget === null ? `${crew.name} has no budget now` : `Budget of ${crew.name}: $${crew.budget.toFixed(2)} per ${crew.budget_window}`);
      setIsOpen(false);
    },
  );

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = parseBudget(String(form.get("budget") ?? ""));
    if (next === "invalid") return update.fail({ message: "Invalid budget: must be a number, e.g. 250 or 99.50", field: "budget" });
    const tokens = parseBudget(String(form.get("token_budget") ?? ""));
    if (tokens === "invalid") return update.fail({ message: "Invalid token_budget: must be a whole number, e.g. 1000000", field: "token_budget" });
    update.run({ crew_id: crewId, budget: next, token_budget: tokens, budget_window: String(form.get("budget_window")), ...(form.get("reset_spent") ? { reset_spent: true as const } : {}) });
  }

  return (
    <>
      <button type="button" className="btn-secondary" onClick={() => { update.setError(null); setIsOpen(true); }}>Edit budget</button>
      <ModalDialog isOpen={isOpen} title="Edit budget" onClose={() => setIsOpen(false)}>
        <form onSubmit={onSubmit} noValidate>
          <fieldset disabled={update.isPending} className="space-y-4">
            <div className="grid grid-cols-2 gap-4">
              <TextField id="edit-budget" label="Budget (USD)" hint="Empty: no budget" error={errorFor(update.error, "budget", FIELDS)}
                input={{ name: "budget", inputMode: "decimal", autoComplete: "off", defaultValue: budget === null ? "" : String(budget), "data-autofocus": true }} />
              <SelectField id="edit-window" label="Window" error={errorFor(update.error, "budget_window", FIELDS)}
                select={{ name: "budget_window", defaultValue: window }} options={WINDOW_OPTIONS} />
              <TextField id="edit-token-budget" label="Token budget" hint="LLM tokens through the gateway per window; empty: no cap" error={errorFor(update.error, "token_budget", FIELDS)}
                input={{ name: "token_budget", inputMode: "numeric", autoComplete: "off", defaultValue: tokenBudget === null ? "" : String(tokenBudget) }} />
            </div>
            <label className="flex items-start gap-2 text-sm text-slate-700">
              <input type="checkbox" name="reset_spent" className="mt-0.5" />
              <span>Start a new run: the crew&apos;s spend and tokens used go back to 0 from now (for run windows; day and month windows reset by themselves)</span>
            </label>
            {errorFor(update.error, undefined, FIELDS) ? <p role="alert" className="text-sm text-red-700">{errorFor(update.error, undefined, FIELDS)}</p> : null}
            <div className="flex justify-end gap-2">
              <button type="button" className="btn-secondary" onClick={() => setIsOpen(false)}>Cancel</button>
              <button type="submit" className="btn-primary">{update.isPending ? "Saving…" : "Save budget"}</button>
            </div>
          </fieldset>
        </form>
      </ModalDialog>
    </>
  );
}
