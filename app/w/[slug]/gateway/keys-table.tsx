"use client";

import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { formatCount, formatInstant } from "@/components/charts/format";
import { useServerAction } from "@/components/forms/use-server-action";
import { EmptyState } from "@/components/ui/empty-state";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { revokeGatewayKeyAction } from "./actions";

export type GatewayKeyRow = {
  id: string;
  name: string;
  prefix: string;
  agent_id: string;
  crew_id: string | null;
  session_id: string;
  token_limit: number | null;
  tokens_used: number;
  last_used_at: string | null;
  revoked_at: string | null;
};

export function KeysTable({ slug, keys, canManage }: { slug: string; keys: GatewayKeyRow[]; canManage: boolean }) {
  const [revoking, setRevoking] = useState<GatewayKeyRow | null>(null);
  if (keys.length === 0) {
    return <EmptyState title="No gateway keys yet">An admin issues one per agent; the agent&apos;s OpenAI client uses it as its api_key.</EmptyState>;
  }
  const base = `/w/${slug}`;
  return (
    <div className="card overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200" aria-label="Gateway keys">
        <thead className="bg-slate-50">
          <tr>
            {["Name", "Key", "Agent", "Crew", "Session", "Tokens used / limit", "Last used", "Status"].map((c) => <th key={c} className="table-head">{c}</th>)}
            {canManage ? <th className="table-head"><span className="sr-only">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {keys.map((key) => (
            <tr key={key.id} data-testid={`gateway-key-row-${key.name}`}>
              <th scope="row" className="table-cell text-left font-medium">{key.name}</th>
              <td className="table-cell font-mono text-xs">{key.prefix}…</td>
              <td className="table-cell"><Link href={`${base}/agents/${encodeURIComponent(key.agent_id)}`} className="text-brand-700 hover:underline">{key.agent_id}</Link></td>
              <td className="table-cell">{key.crew_id ? <Link href={`${base}/crews/${key.crew_id}`} className="text-brand-700 hover:underline">{key.crew_id}</Link> : "—"}</td>
              <td className="table-cell"><Link href={`${base}/audit?${new URLSearchParams({ session: key.session_id })}`} title="The session's audit trail" className="font-mono text-xs text-brand-700 hover:underline">{key.session_id}</Link></td>
              <td className="table-cell tabular-nums">{formatCount(key.tokens_used)} / {key.token_limit === null ? "no limit" : formatCount(key.token_limit)}</td>
              <td className="table-cell whitespace-nowrap">{key.last_used_at ? formatInstant(key.last_used_at) : "never"}</td>
              <td className="table-cell">{key.revoked_at ? <span className="text-red-700">Revoked</span> : "Active"}</td>
              {canManage ? (
                <td className="table-cell text-right">
                  {key.revoked_at ? null : (
                    <button type="button" className="btn-secondary px-2 py-1 text-xs text-red-700" onClick={() => setRevoking(key)}>
                      Revoke<span className="sr-only"> {key.name}</span>
                    </button>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      <ModalDialog isOpen={revoking !== null} title={revoking ? `Revoke ${revoking.name}?` : ""} onClose={() => setRevoking(null)}>
        {revoking ? <RevokeForm key={revoking.id} slug={slug} gatewayKey={revoking} onDone={() => setRevoking(null)} /> : null}
      </ModalDialog>
    </div>
  );
}

function RevokeForm({ slug, gatewayKey, onDone }: { slug: string; gatewayKey: GatewayKeyRow; onDone: () => void }) {
  const revoke = useServerAction((input: { id: string }) => revokeGatewayKeyAction(slug, input), () => {
    toast.success(`Revoked ${gatewayKey.name}`);
    onDone();
  });
  return (
    <form onSubmit={(event) => { event.preventDefault(); revoke.run({ id: gatewayKey.id }); }}>
      <fieldset disabled={revoke.isPending} className="space-y-4">
        <p className="text-sm text-slate-700">
          Calls with this key are refused from now on, and its session ({gatewayKey.session_id}) is revoked. Issue a new key to let {gatewayKey.agent_id} call models again.
        </p>
        {revoke.error ? <p role="alert" className="text-sm text-red-700">{revoke.error.message}</p> : null}
        <div className="flex justify-end gap-2">
          <button type="button" className="btn-secondary" onClick={onDone} data-autofocus>Cancel</button>
          <button type="submit" className="btn-danger">{revoke.isPending ? "Revoking…" : "Revoke key"}</button>
        </div>
      </fieldset>
    </form>
  );
}
