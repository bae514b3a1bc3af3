"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { EmptyState } from "@/components/ui/empty-state";
import { saveGatewaySettingsAction, saveProviderAction } from "./actions";

export type ProviderItem = { id: string; name: string; base_url: string; has_api_key: boolean };

type Props = { slug: string; providers: ProviderItem[]; storeBodies: boolean; canManage: boolean };

/** Providers (upstream key kept in the vault, never shown again) and whether calls keep their bodies. */
export function GatewayProvidersClient({ slug, providers, storeBodies, canManage }: Props) {
  const router = useRouter();
  const save = useMutation({
    mutationFn: (input: Record<string, unknown>) => saveProviderAction(slug, input),
    onSuccess: (result) => {
      if (!result.ok) return void toast.error(result.error);
      toast.success(`Saved provider ${result.data.name}`);
      router.refresh();
    },
  });
  const settings = useMutation({
    mutationFn: (store_bodies: boolean) => saveGatewaySettingsAction(slug, { store_bodies }),
    onSuccess: (result) => {
      if (!result.ok) return void toast.error(result.error);
      toast.success(result.data.store_bodies ? "Calls now keep their bodies (vault values redacted)" : "Calls no longer keep their bodies");
      router.refresh();
    },
  });

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const apiKey = String(form.get("api_key") ?? "");
    // An empty key field leaves a stored key as it is.
    save.mutate({ name: String(form.get("name") ?? ""), base_url: String(form.get("base_url") ?? ""), ...(apiKey ? { api_key: apiKey } : {}) });
  }

  return (
    <section className="space-y-4" aria-labelledby="gateway-providers-title">
      <h2 id="gateway-providers-title" className="text-lg font-semibold">Providers</h2>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={storeBodies} disabled={!canManage || settings.isPending} onChange={(e) => settings.mutate(e.target.checked)} />
        Keep prompt and completion bodies of calls (vault values are always redacted)
      </label>
      {canManage ? (
        <form onSubmit={onSubmit} className="card grid gap-4 p-5 sm:grid-cols-4" aria-label="Save a provider">
          <div>
            <label htmlFor="gwp-name" className="label">Provider name</label>
            <input id="gwp-name" name="name" required maxLength={40} pattern="[a-z0-9][a-z0-9_\-]*" className="input" placeholder="openai" />
          </div>
          <div className="sm:col-span-2">
            <label htmlFor="gwp-url" className="label">Base URL</label>
            <input id="gwp-url" name="base_url" type="url" required className="input" placeholder="https://api.openai.com/v1" />
          </div>
          <div>
            <label htmlFor="gwp-key" className="label">API key (kept in the vault)</label>
            <input id="gwp-key" name="api_key" type="password" autoComplete="off" className="input" />
          </div>
          <button type="submit" className="btn-primary sm:col-span-4 sm:justify-self-start" disabled={save.isPending}>Save provider</button>
        </form>
      ) : null}
      {providers.length === 0 ? (
        <EmptyState title="No providers yet">Add an OpenAI-compatible upstream, then price the models agents may use.</EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200" aria-label="Providers">
            <thead className="bg-slate-50">
              <tr>
                <th className="table-head">Name</th>
                <th className="table-head">Base URL</th>
                <th className="table-head">API key</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {providers.map((p) => (
                <tr key={p.id}>
                  <td className="table-cell font-medium">{p.name}</td>
                  <td className="table-cell font-mono text-xs">{p.base_url}</td>
                  <td className="table-cell">{p.has_api_key ? "In the vault" : "None"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
