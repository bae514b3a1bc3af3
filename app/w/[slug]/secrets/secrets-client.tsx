"use client";

import { useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { ModalDialog } from "@/components/ui/modal-dialog";
import type { SecretSummary } from "@/lib/vault/manage-secrets";
import { NewSecretForm } from "./new-secret-form";
import { ACTION_TITLES, SecretActionForm, type RowAction } from "./secret-action-forms";

type Props = { slug: string; secrets: SecretSummary[]; canManage: boolean };

const ROW_ACTIONS: { action: RowAction; label: string }[] = [
  { action: "set-value", label: "Set new value" },
  { action: "change-scope", label: "Change scope" },
  { action: "roll-back", label: "Roll back" },
  { action: "delete", label: "Delete" },
];

export function SecretsClient({ slug, secrets, canManage }: Props) {
  const [open, setOpen] = useState<{ action: RowAction; secret: SecretSummary } | null>(null);
  const close = () => setOpen(null);

  return (
    <div className="space-y-8">
      {canManage ? (
        <NewSecretForm slug={slug} existingNames={secrets.map((s) => s.name)} />
      ) : (
        <p className="card px-5 py-4 text-sm text-slate-600" data-testid="read-only-note">
          Only admins manage secrets. You can see which secrets exist, the scope each requires and how often agents read them; no one
          sees their values here.
        </p>
      )}

      <section aria-labelledby="secrets-title">
        <h2 id="secrets-title" className="mb-3 font-semibold">Stored secrets</h2>
        {secrets.length === 0 ? (
          <EmptyState title="No secrets yet">
            {canManage
              ? "Store the first one with the form above. "
              : "An admin can store secrets on this page. "}
            Agents then read a secret by name (GET /api/v1/secrets/&lt;name&gt;) through a session that holds its required scope;
            an API key with vault:write can store secrets too (POST /api/v1/secrets).
          </EmptyState>
        ) : (
          <div className="card overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200" aria-label="Secrets">
              <thead className="bg-slate-50">
                <tr>
                  {["Name", "Required scope", "Version", "Accesses", "Last access (UTC)", "Updated (UTC)"].map((column) => (
                    <th key={column} className="table-head px-3">{column}</th>
                  ))}
                  {canManage ? <th className="table-head px-3"><span className="sr-only">Actions</span></th> : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {secrets.map((secret) => (
                  <tr key={secret.name} data-testid={`secret-row-${secret.name}`}>
                    <th scope="row" className="table-cell px-3 text-left font-mono font-medium">
                      <div className="min-w-[10rem] max-w-[20rem] break-all">{secret.name}</div>
                    </th>
                    <td className="table-cell px-3"><code className="text-xs">{secret.scope_required}</code></td>
                    <td className="table-cell px-3">
                      v{secret.version}{" "}
                      <span className="whitespace-nowrap text-xs text-slate-500">
                        ({secret.versions.length} {secret.versions.length === 1 ? "version" : "versions"})
                      </span>
                    </td>
                    <td className="table-cell px-3 tabular-nums">{secret.access_count}</td>
                    <td className="table-cell px-3"><Timestamp iso={secret.last_accessed_at} /></td>
                    <td className="table-cell px-3"><Timestamp iso={secret.updated_at} /></td>
                    {canManage ? (
                      <td className="table-cell px-3">
                        <div className="grid grid-cols-[repeat(2,max-content)] justify-end gap-1">
                          {ROW_ACTIONS.map(({ action, label }) => (
                            <button
                              key={action}
                              type="button"
                              className={`btn-secondary whitespace-nowrap px-2 py-1 text-xs ${action === "delete" ? "text-red-700" : ""}`}
                              disabled={action === "roll-back" && secret.versions.length < 2}
                              title={action === "roll-back" && secret.versions.length < 2 ? "Only one version so far" : undefined}
                              onClick={() => setOpen({ action, secret })}
                            >
                              {label}
                              <span className="sr-only"> {secret.name}</span>
                            </button>
                          ))}
                        </div>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <ModalDialog isOpen={open !== null} title={open ? ACTION_TITLES[open.action](open.secret.name) : ""} onClose={close}>
        {open ? <SecretActionForm key={`${open.action}:${open.secret.name}`} action={open.action} slug={slug} secret={open.secret} onDone={close} /> : null}
      </ModalDialog>
    </div>
  );
}

function Timestamp({ iso }: { iso: string | null }) {
  if (!iso) return <span className="text-slate-500">never</span>;
  // Date over time: two short lines keep the table inside a laptop's width.
  return (
    <time dateTime={iso} title={iso} className="block whitespace-nowrap">
      {iso.slice(0, 10)}{" "}
      <span className="block text-xs text-slate-500">{iso.slice(11, 16)}</span>
    </time>
  );
}
