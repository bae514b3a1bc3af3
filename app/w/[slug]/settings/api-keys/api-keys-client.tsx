"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import type { ApiKeyView } from "@/lib/keys/schemas";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { createApiKeyAction, revokeApiKeyAction } from "../actions";

type Props = { slug: string; keys: ApiKeyView[]; scopes: string[]; canManage: boolean };

export function ApiKeysClient({ slug, keys, scopes, canManage }: Props) {
  const router = useRouter();
  const [newKey, setNewKey] = useState<{ key: string; name: string } | null>(null);
  const [selected, setSelected] = useState<string[]>(["sessions:write", "payments:write", "audit:write"]);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: (input: { name: string; scopes: string[]; expires_at?: string }) => createApiKeyAction(slug, input),
    onSuccess: (result) => {
      if (!result.ok) {
        setFieldError(result.error);
        toast.error(result.error);
        return;
      }
      setFieldError(null);
      setNewKey({ key: result.data.key, name: result.data.name });
      toast.success(`Created key ${result.data.name}`);
      router.refresh();
    },
  });

  const revoke = useMutation({
    mutationFn: (prefix: string) => revokeApiKeyAction(slug, { prefix }),
    onSuccess: (result) => {
      setConfirming(null);
      if (!result.ok) return void toast.error(result.error);
      toast.success(`Revoked ${result.data.prefix}…`);
      router.refresh();
    },
  });

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const expiry = String(form.get("expires") ?? "");
    create.mutate({
      name: String(form.get("name") ?? ""),
      scopes: selected,
      ...(expiry ? { expires_at: new Date(`${expiry}T23:59:59Z`).toISOString() } : {}),
    });
  }

  return (
    <div className="space-y-8">
      {newKey ? (
        <div role="dialog" aria-labelledby="new-key-title" className="card border-green-300 bg-green-50 p-5">
          <h2 id="new-key-title" className="font-semibold text-green-900">Your new key “{newKey.name}”</h2>
          <p className="mt-1 text-sm text-green-900">Copy it now: it is shown only once and cannot be recovered.</p>
          <div className="mt-3 flex items-center gap-2">
            <code data-testid="new-api-key" className="flex-1 break-all rounded bg-white px-3 py-2 font-mono text-sm">{newKey.key}</code>
            <CopyButton value={newKey.key} />
          </div>
          <button type="button" className="btn-secondary mt-3" onClick={() => setNewKey(null)}>I have saved it</button>
        </div>
      ) : null}

      <section className="card p-5" aria-labelledby="create-key-title">
        <h2 id="create-key-title" className="font-semibold">Create an API key</h2>
        {!canManage ? <p className="mt-1 text-sm text-slate-600">Only admins can create and revoke API keys.</p> : null}
        <form onSubmit={onSubmit} className="mt-4 space-y-4">
          <fieldset disabled={!canManage || create.isPending} className="space-y-4">
            <div className="grid gap-4 sm:grid-cols-2">
              <div>
                <label htmlFor="key-name" className="label">Name</label>
                <input id="key-name" name="name" required maxLength={100} className="input" placeholder="research-crew-prod" />
              </div>
              <div>
                <label htmlFor="key-expires" className="label">Expires (optional)</label>
                <input id="key-expires" name="expires" type="date" className="input" />
              </div>
            </div>
            <div>
              <span className="label">Scopes</span>
              <div className="grid grid-cols-2 gap-1 sm:grid-cols-4">
                {scopes.map((scope) => (
                  <label key={scope} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      name="scopes"
                      value={scope}
                      checked={selected.includes(scope)}
                      onChange={(e) => setSelected((s) => (e.target.checked ? [...s, scope] : s.filter((x) => x !== scope)))}
                    />
                    <code className="text-xs">{scope}</code>
                  </label>
                ))}
              </div>
            </div>
            {fieldError ? <p role="alert" className="text-sm text-red-700">{fieldError}</p> : null}
            <button type="submit" className="btn-primary">{create.isPending ? "Creating…" : "Create key"}</button>
          </fieldset>
        </form>
      </section>

      <section aria-labelledby="keys-title">
        <h2 id="keys-title" className="mb-3 font-semibold">Keys</h2>
        {keys.length === 0 ? (
          <EmptyState title="No API keys yet">Create a key above and give it to your agents as a Bearer token.</EmptyState>
        ) : (
          <div className="card overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200" aria-label="API keys">
              <thead className="bg-slate-50">
                <tr>
                  <th className="table-head">Name</th>
                  <th className="table-head">Key</th>
                  <th className="table-head">Scopes</th>
                  <th className="table-head">Last used</th>
                  <th className="table-head">Status</th>
                  <th className="table-head"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {keys.map((key) => (
                  <tr key={key.key_id} data-testid={`key-row-${key.prefix}`}>
                    <td className="table-cell font-medium">{key.name}</td>
                    <td className="table-cell font-mono text-xs">{key.prefix}…</td>
                    <td className="table-cell font-mono text-xs">{key.scopes.join(", ")}</td>
                    <td className="table-cell">{key.last_used_at ? key.last_used_at.slice(0, 16).replace("T", " ") : "never"}</td>
                    <td className="table-cell">{keyStatus(key)}</td>
                    <td className="table-cell text-right">
                      {canManage && !key.revoked_at ? (
                        confirming === key.prefix ? (
                          <span className="inline-flex gap-2">
                            <button type="button" className="btn-danger" onClick={() => revoke.mutate(key.prefix)} disabled={revoke.isPending}>
                              Confirm revoke
                            </button>
                            <button type="button" className="btn-secondary" onClick={() => setConfirming(null)}>Cancel</button>
                          </span>
                        ) : (
                          <button type="button" className="btn-secondary" onClick={() => setConfirming(key.prefix)}>Revoke</button>
                        )
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function keyStatus(key: ApiKeyView): string {
  if (key.revoked_at) return "Revoked";
  if (key.expires_at && Date.parse(key.expires_at) <= Date.now()) return "Expired";
  return "Active";
}
