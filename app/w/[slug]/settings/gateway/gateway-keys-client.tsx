"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import type { GatewayKeyView } from "@/lib/gateway/gateway-key-view";
import { issueGatewayKeyAction, revokeGatewayKeyAction } from "./actions";

type Props = { slug: string; keys: GatewayKeyView[]; canManage: boolean };

const optionalNumber = (value: FormDataEntryValue | null) => (value === null || String(value).trim() === "" ? undefined : Number(value));

export function GatewayKeysClient({ slug, keys, canManage }: Props) {
  const router = useRouter();
  const [issued, setIssued] = useState<{ key: string; name: string } | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);

  const issue = useMutation({
    mutationFn: (input: Record<string, unknown>) => issueGatewayKeyAction(slug, input),
    onSuccess: (result) => {
      if (!result.ok) {
        setFieldError(result.error);
        return void toast.error(result.error);
      }
      setFieldError(null);
      setIssued({ key: result.data.key, name: result.data.name });
      toast.success(`Issued gateway key ${result.data.name}`);
      router.refresh();
    },
  });

  const revoke = useMutation({
    mutationFn: (id: string) => revokeGatewayKeyAction(slug, { id }),
    onSuccess: (result) => {
      if (!result.ok) return void toast.error(result.error);
      toast.success("Gateway key revoked");
      router.refresh();
    },
  });

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    issue.mutate({
      name: String(form.get("name") ?? ""),
      agent_id: String(form.get("agent_id") ?? ""),
      token_limit: optionalNumber(form.get("token_limit")),
      spend_limit: optionalNumber(form.get("spend_limit")),
    });
  }

  return (
    <section className="space-y-6" aria-labelledby="gateway-keys-title">
      <h2 id="gateway-keys-title" className="text-lg font-semibold">Gateway keys</h2>
      <p className="text-sm text-slate-600">
        An agent&apos;s OpenAI client uses a gateway key as its <code>api_key</code> with <code>base_url</code> = this server&apos;s <code>/api/gateway/v1</code>.
        Each key opens a session for its agent: calls are decided for and charged to it.
      </p>
      {issued ? (
        <div role="dialog" aria-labelledby="new-gateway-key-title" className="card border-green-300 bg-green-50 p-5">
          <h3 id="new-gateway-key-title" className="font-semibold text-green-900">Your new gateway key “{issued.name}”</h3>
          <p className="mt-1 text-sm text-green-900">Copy it now: it is shown only once and cannot be recovered.</p>
          <div className="mt-3 flex items-center gap-2">
            <code data-testid="new-gateway-key" className="flex-1 break-all rounded bg-white px-3 py-2 font-mono text-sm">{issued.key}</code>
            <CopyButton value={issued.key} />
          </div>
          <button type="button" className="btn-secondary mt-3" onClick={() => setIssued(null)}>I have saved it</button>
        </div>
      ) : null}
      {canManage ? (
        <form onSubmit={onSubmit} className="card space-y-4 p-5" aria-label="Issue a gateway key">
          <fieldset disabled={issue.isPending} className="grid gap-4 sm:grid-cols-4">
            <div>
              <label htmlFor="gwk-name" className="label">Key name</label>
              <input id="gwk-name" name="name" required maxLength={100} className="input" />
            </div>
            <div>
              <label htmlFor="gwk-agent" className="label">Agent id</label>
              <input id="gwk-agent" name="agent_id" required maxLength={128} className="input" />
            </div>
            <div>
              <label htmlFor="gwk-tokens" className="label">Token limit (optional)</label>
              <input id="gwk-tokens" name="token_limit" type="number" min={0} step={1} className="input" />
            </div>
            <div>
              <label htmlFor="gwk-spend" className="label">Spend limit (optional)</label>
              <input id="gwk-spend" name="spend_limit" type="number" min={0} step="any" className="input" />
            </div>
          </fieldset>
          {fieldError ? <p role="alert" className="text-sm text-red-700">{fieldError}</p> : null}
          <button type="submit" className="btn-primary" disabled={issue.isPending}>{issue.isPending ? "Issuing…" : "Issue key"}</button>
        </form>
      ) : (
        <p className="text-sm text-slate-600">Only admins can issue and revoke gateway keys.</p>
      )}
      {keys.length === 0 ? (
        <EmptyState title="No gateway keys yet">Issue a key for an agent to route its model calls through Warden.</EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200" aria-label="Gateway keys">
            <thead className="bg-slate-50">
              <tr>
                <th className="table-head">Name</th>
                <th className="table-head">Key</th>
                <th className="table-head">Agent</th>
                <th className="table-head">Tokens used</th>
                <th className="table-head">Status</th>
                <th className="table-head"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {keys.map((key) => (
                <tr key={key.id} data-testid={`gateway-key-${key.prefix}`}>
                  <td className="table-cell font-medium">{key.name}</td>
                  <td className="table-cell font-mono text-xs">{key.prefix}…</td>
                  <td className="table-cell">{key.agent_id}</td>
                  <td className="table-cell">{key.tokens_used.toLocaleString("en-US")}{key.token_limit === null ? "" : ` of ${key.token_limit.toLocaleString("en-US")}`}</td>
                  <td className="table-cell">{key.revoked_at ? "Revoked" : key.is_valid ? "Active" : "Session ended"}</td>
                  <td className="table-cell text-right">
                    {canManage && !key.revoked_at ? (
                      <button type="button" className="btn-secondary" onClick={() => revoke.mutate(key.id)} disabled={revoke.isPending}>Revoke</button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
