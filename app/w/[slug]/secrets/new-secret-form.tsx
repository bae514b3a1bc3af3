"use client";

import { toast } from "sonner";
import { storeSecretAction } from "./actions";
import { Field, FormError, SCOPE_HINT, takeValue, valueInputProps } from "./secret-fields";
import { errorFor, useServerAction } from "@/components/forms/use-server-action";

type Input = { name: string; value: string; scope_required?: string };
const FIELDS = ["name", "value", "scope_required"] as const;

export function NewSecretForm({ slug, existingNames }: { slug: string; existingNames: string[] }) {
  const store = useServerAction(
    (input: Input) => storeSecretAction(slug, input),
    (data) => toast.success(`Stored ${data.name} (version ${data.version})`),
  );

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const value = takeValue(formElement);
    const name = String(form.get("name") ?? "").trim();
    const scope = String(form.get("scope_required") ?? "").trim();
    // Storing under an existing name would silently add a version: that is "Set new value".
    if (existingNames.includes(name)) {
      return store.fail({ message: `A secret named ${name} already exists: use “Set new value” in its row`, field: "name" });
    }
    store.run(
      { name, value, ...(scope ? { scope_required: scope } : {}) },
      { onSuccess: (result) => void (result.ok && formElement.reset()) },
    );
  }

  return (
    <section className="card p-5" aria-labelledby="new-secret-title">
      <h2 id="new-secret-title" className="font-semibold">New secret</h2>
      <p className="mt-1 text-sm text-slate-600">
        The value is encrypted in the vault and can never be shown again, here or anywhere else: keep the original where it came from.
      </p>
      <form onSubmit={onSubmit} className="mt-4">
        <fieldset disabled={store.isPending} className="space-y-4">
          <div className="grid gap-4 md:grid-cols-3">
            <Field
              id="secret-name"
              label="Name"
              hint="Letters, digits, _ . - (what agents ask for)"
              error={errorFor(store.error, "name", FIELDS)}
              input={{ name: "name", required: true, maxLength: 128, autoComplete: "off", spellCheck: false, placeholder: "OPENAI_API_KEY" }}
            />
            <Field id="secret-value" label="Value" hint="Write-only" error={errorFor(store.error, "value", FIELDS)} input={valueInputProps} />
            <Field
              id="secret-scope"
              label="Required scope"
              hint={SCOPE_HINT}
              error={errorFor(store.error, "scope_required", FIELDS)}
              input={{ name: "scope_required", required: true, maxLength: 64, defaultValue: "read", autoComplete: "off", spellCheck: false }}
            />
          </div>
          <FormError message={errorFor(store.error, undefined, FIELDS)} />
          <button type="submit" className="btn-primary">{store.isPending ? "Storing…" : "Store secret"}</button>
        </fieldset>
      </form>
    </section>
  );
}
