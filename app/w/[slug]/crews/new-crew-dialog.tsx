"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { errorFor, useServerAction } from "@/components/forms/use-server-action";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { createCrewAction } from "./actions";
import { parseBudget, SelectField, TextField, WINDOW_OPTIONS } from "./fields";

type Input = { name: string; description?: string; budget: number | null; token_budget: number | null; budget_window: string };
const FIELDS = ["name", "description", "budget", "token_budget", "budget_window"] as const;

/** "New crew" for admins: name, description, budget and window; on success, the crew's page. */
export function NewCrewDialog({ slug }: { slug: string }) {
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(false);
  const create = useServerAction(
    (input: Input) => createCrewAction(slug, input),
    (crew) => {
      toast.success(`Crew ${crew.name} created`);
      setIsOpen(false);
      router.push(`/w/${slug}/crews/${crew.crew_id}`);
    },
    { refresh: false },
  );

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const budget = parseBudget(String(form.get("budget") ?? ""));
    if (budget === "invalid") return create.fail({ message: "Invalid budget: must be a number, e.g. 250 or 99.50", field: "budget" });
    const tokenBudget = parseBudget(String(form.get("token_budget") ?? ""));
    if (tokenBudget === "invalid") return create.fail({ message: "Invalid token_budget: must be a whole number, e.g. 1000000", field: "token_budget" });
    const description = String(form.get("description") ?? "").trim();
    create.run({
      name: String(form.get("name") ?? ""),
      ...(description ? { description } : {}),
      budget,
      token_budget: tokenBudget,
      budget_window: String(form.get("budget_window") ?? "run"),
    });
  }

  return (
    <>
      <button type="button" className="btn-primary" onClick={() => { create.setError(null); setIsOpen(true); }}>New crew</button>
      <ModalDialog isOpen={isOpen} title="New crew" onClose={() => setIsOpen(false)}>
        <form onSubmit={onSubmit} noValidate>
          <fieldset disabled={create.isPending} className="space-y-4">
            <TextField id="crew-name" label="Name" error={errorFor(create.error, "name", FIELDS)}
              input={{ name: "name", maxLength: 100, autoComplete: "off", placeholder: "research-crew", "data-autofocus": true }} />
            <TextField id="crew-description" label="Description" hint="Optional: what the crew works on" error={errorFor(create.error, "description", FIELDS)}
              input={{ name: "description", maxLength: 1000, autoComplete: "off" }} />
            <div className="grid grid-cols-2 gap-4">
              <TextField id="crew-budget" label="Budget (USD)" hint="Empty: no budget" error={errorFor(create.error, "budget", FIELDS)}
                input={{ name: "budget", inputMode: "decimal", autoComplete: "off", placeholder: "250" }} />
              <SelectField id="crew-window" label="Window" error={errorFor(create.error, "budget_window", FIELDS)}
                select={{ name: "budget_window", defaultValue: "run" }} options={WINDOW_OPTIONS} />
              <TextField id="crew-token-budget" label="Token budget" hint="LLM tokens through the gateway per window; empty: no cap" error={errorFor(create.error, "token_budget", FIELDS)}
                input={{ name: "token_budget", inputMode: "numeric", autoComplete: "off", placeholder: "1000000" }} />
            </div>
            {errorFor(create.error, undefined, FIELDS) ? <p role="alert" className="text-sm text-red-700">{errorFor(create.error, undefined, FIELDS)}</p> : null}
            <div className="flex justify-end gap-2">
              <button type="button" className="btn-secondary" onClick={() => setIsOpen(false)}>Cancel</button>
              <button type="submit" className="btn-primary">{create.isPending ? "Creating…" : "Create crew"}</button>
            </div>
          </fieldset>
        </form>
      </ModalDialog>
    </>
  );
}
