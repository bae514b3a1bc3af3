"use client";

import { useState } from "react";
import { toast } from "sonner";
import { errorFor, useServerAction } from "@/components/forms/use-server-action";
import { EmptyState } from "@/components/ui/empty-state";
import { TextField } from "../crews/fields";
import { valueInputProps } from "../secrets/secret-fields";
import { deleteProviderAction, putProviderAction } from "./actions";

export type ProviderRow = { name: string; base_url: string; has_api_key: boolean };
type Input = { name: string; base_url: string; api_key?: string };
const FIELDS = ["name", "base_url", "api_key"] as const;

/** Reads the API key input and empties it at once: the key leaves the page only in the request. */
function takeApiKey(form: HTMLFormElement): string {
  const input = form.elements.namedItem("api_key");
  if (!(input instanceof HTMLInputElement)) return "";
  const value = input.value;
  input.value = "";
  return value;
}

export function ProvidersSection({ slug, providers, canManage }: { slug: string; providers: ProviderRow[]; canManage: boolean }) {
  const save = useServerAction((input: Input) => putProviderAction(slug, input), (p) => toast.success(`Saved provider ${p.name}`));
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const remove = useServerAction((input: { name: string }) => deleteProviderAction(slug, input), (p) => {
    setDeleteError(null);
    toast.success(`Deleted provider ${p.name}`);
  });

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const apiKey = takeApiKey(formElement);
    const form = new FormData(formElement);
    const name = String(form.get("name") ?? "").trim();
    // An empty key field keeps the stored key of an existing provider (or none for a new one).
    save.run({ name, base_url: String(form.get("base_url") ?? "").trim(), ...(apiKey ? { api_key: apiKey } : {}) });
  }

  function onDelete(name: string) {
    setDeleteError(null);
    remove.run({ name }, { onSuccess: (result) => void (!result.ok && setDeleteError(`${name}: ${result.error}`)) });
  }

  return (
    <div className="space-y-4">
      {providers.length === 0 ? (
        <EmptyState title="No providers yet">A provider is an OpenAI-compatible upstream, e.g. https://api.openai.com/v1.</EmptyState>
      ) : (
        <ul className="card divide-y divide-slate-100" aria-label="Providers">
          {providers.map((p) => (
            <li key={p.name} className="flex items-center justify-between gap-4 px-4 py-3" data-testid={`provider-row-${p.name}`}>
              <div>
                <span className="font-mono font-medium">{p.name}</span> <code className="ml-2 break-all text-xs text-slate-600">{p.base_url}</code>
                {p.has_api_key ? <span className="ml-2 rounded-full bg-green-100 px-2 py-0.5 text-xs text-green-800">key stored in vault</span> : <span className="ml-2 text-xs text-slate-500">no API key</span>}
              </div>
              {canManage ? (
                <button type="button" className="btn-secondary px-2 py-1 text-xs text-red-700" disabled={remove.isPending} onClick={() => onDelete(p.name)}>
                  Delete<span className="sr-only"> provider {p.name}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {deleteError ? <p role="alert" className="text-sm text-red-700" data-testid="provider-delete-error">{deleteError}</p> : null}
      {canManage ? (
        <form onSubmit={onSubmit} noValidate aria-label="Add or replace a provider" className="card space-y-4 p-4">
          <fieldset disabled={save.isPending} className="space-y-4">
            <div className="grid gap-4 md:grid-cols-3">
              <TextField id="provider-name" label="Name" hint="a-z, 0-9, _ and -; an existing name is replaced" error={errorFor(save.error, "name", FIELDS)}
                input={{ name: "name", maxLength: 40, autoComplete: "off", spellCheck: false, placeholder: "openai" }} />
              <TextField id="provider-base-url" label="Base URL" hint="Up to, not including, /chat/completions" error={errorFor(save.error, "base_url", FIELDS)}
                input={{ name: "base_url", type: "url", autoComplete: "off", spellCheck: false, placeholder: "https://api.openai.com/v1" }} />
              <TextField id="provider-api-key" label="API key" hint="Write-only, kept in the vault; empty keeps the stored key" error={errorFor(save.error, "api_key", FIELDS)}
                input={{ ...valueInputProps, name: "api_key", required: false }} />
            </div>
            {errorFor(save.error, undefined, FIELDS) ? <p role="alert" className="text-sm text-red-700">{errorFor(save.error, undefined, FIELDS)}</p> : null}
            <button type="submit" className="btn-primary">{save.isPending ? "Saving…" : "Save provider"}</button>
          </fieldset>
        </form>
      ) : null}
    </div>
  );
}
