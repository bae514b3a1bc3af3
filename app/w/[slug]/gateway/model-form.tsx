"use client";

import { toast } from "sonner";
import { errorFor, useServerAction } from "@/components/forms/use-server-action";
import { SelectField, TextField } from "../crews/fields";
import { putModelAction } from "./actions";
import { optionalNumber } from "./number-input";

export type ModelRow = {
  model: string;
  provider: string;
  upstream_model: string;
  input_price: number;
  output_price: number;
  max_output_tokens: number;
};
type Input = { model: string; provider: string; upstream_model?: string; input_price: number; output_price: number; max_output_tokens?: number };
const FIELDS = ["model", "provider", "upstream_model", "input_price", "output_price", "max_output_tokens"] as const;

type Props = { slug: string; currency: string; providers: string[]; editing?: ModelRow; onDone?: () => void };

/** Adds a model, or (with `editing`) changes one: its provider, upstream name, prices and output cap. */
export function ModelForm({ slug, currency, providers, editing, onDone }: Props) {
  const save = useServerAction((input: Input) => putModelAction(slug, input), (m) => {
    toast.success(`${editing ? "Updated" : "Added"} model ${m.model}`);
    onDone?.();
  });
  const id = (field: string) => `${editing ? "edit" : "new"}-model-${field}`;
  const error = (field: (typeof FIELDS)[number]) => errorFor(save.error, field, FIELDS);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const numbers: Record<string, number | null> = {};
    for (const field of ["input_price", "output_price", "max_output_tokens"] as const) {
      const value = optionalNumber(text(field));
      if (value === "invalid") return save.fail({ message: `Invalid ${field}: must be a number`, field });
      numbers[field] = value;
    }
    const upstream = text("upstream_model");
    save.run(
      {
        model: editing?.model ?? text("model"),
        provider: text("provider"),
        ...(upstream ? { upstream_model: upstream } : {}),
        // Left empty, a price is sent as missing so the server names the field that is required.
        input_price: numbers.input_price as number,
        output_price: numbers.output_price as number,
        ...(numbers.max_output_tokens === null ? {} : { max_output_tokens: numbers.max_output_tokens }),
      },
      { onSuccess: (result) => void (result.ok && !editing && formElement.reset()) },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label={editing ? `Edit model ${editing.model}` : "Add a model"}>
      <fieldset disabled={save.isPending} className="space-y-4">
        <div className="grid gap-4 md:grid-cols-3">
          {editing ? null : (
            <TextField id={id("name")} label="Model" hint="What agents ask for" error={error("model")}
              input={{ name: "model", maxLength: 128, autoComplete: "off", spellCheck: false, placeholder: "gpt-4o-mini" }} />
          )}
          <SelectField id={id("provider")} label="Provider" error={error("provider")}
            select={{ name: "provider", defaultValue: editing?.provider }} options={providers.map((p) => ({ value: p, label: p }))} />
          <TextField id={id("upstream")} label="Upstream model" hint="Empty: the same name" error={error("upstream_model")}
            input={{ name: "upstream_model", maxLength: 128, autoComplete: "off", spellCheck: false, defaultValue: editing?.upstream_model ?? "" }} />
          <TextField id={id("input-price")} label={`Input price (${currency} per 1M tokens)`} error={error("input_price")}
            input={{ name: "input_price", inputMode: "decimal", autoComplete: "off", placeholder: "0.15", defaultValue: editing ? String(editing.input_price) : undefined, "data-autofocus": Boolean(editing) || undefined }} />
          <TextField id={id("output-price")} label={`Output price (${currency} per 1M tokens)`} error={error("output_price")}
            input={{ name: "output_price", inputMode: "decimal", autoComplete: "off", placeholder: "0.60", defaultValue: editing ? String(editing.output_price) : undefined }} />
          <TextField id={id("max-output")} label="Max output tokens" hint="Reserved when a request sets none (default 4096)" error={error("max_output_tokens")}
            input={{ name: "max_output_tokens", inputMode: "numeric", autoComplete: "off", placeholder: "4096", defaultValue: editing ? String(editing.max_output_tokens) : undefined }} />
        </div>
        {errorFor(save.error, undefined, FIELDS) ? <p role="alert" className="text-sm text-red-700">{errorFor(save.error, undefined, FIELDS)}</p> : null}
        <div className="flex justify-end gap-2">
          {onDone ? <button type="button" className="btn-secondary" onClick={onDone}>Cancel</button> : null}
          <button type="submit" className="btn-primary">{save.isPending ? "Saving…" : editing ? "Save model" : "Add model"}</button>
        </div>
      </fieldset>
    </form>
  );
}
