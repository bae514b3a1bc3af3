"use client";

import { useState } from "react";
import { toast } from "sonner";
import { formatCount } from "@/components/charts/format";
import { useServerAction } from "@/components/forms/use-server-action";
import { EmptyState } from "@/components/ui/empty-state";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { deleteModelAction } from "./actions";
import { ModelForm, type ModelRow } from "./model-form";

type Props = { slug: string; currency: string; models: ModelRow[]; providers: string[]; canManage: boolean };

/** The price table: what agents may ask for and what a million tokens of it cost. */
export function ModelsSection({ slug, currency, models, providers, canManage }: Props) {
  const [editing, setEditing] = useState<ModelRow | null>(null);
  const remove = useServerAction((input: { model: string }) => deleteModelAction(slug, input), (m) => toast.success(`Deleted model ${m.model}`));
  const price = (n: number) => `${n} ${currency}`;

  return (
    <div className="space-y-4">
      {models.length === 0 ? (
        <EmptyState title="No models yet">Agents are refused every model without a row here: a call that cannot be priced cannot be budgeted.</EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200" aria-label="Models and prices">
            <thead className="bg-slate-50">
              <tr>
                {["Model", "Provider", "Upstream model", "Input / 1M tokens", "Output / 1M tokens", "Max output tokens"].map((c) => <th key={c} className="table-head">{c}</th>)}
                {canManage ? <th className="table-head"><span className="sr-only">Actions</span></th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {models.map((m) => (
                <tr key={m.model} data-testid={`model-row-${m.model}`}>
                  <th scope="row" className="table-cell text-left font-mono font-medium">{m.model}</th>
                  <td className="table-cell font-mono">{m.provider}</td>
                  <td className="table-cell font-mono text-xs">{m.upstream_model}</td>
                  <td className="table-cell tabular-nums">{price(m.input_price)}</td>
                  <td className="table-cell tabular-nums">{price(m.output_price)}</td>
                  <td className="table-cell tabular-nums">{formatCount(m.max_output_tokens)}</td>
                  {canManage ? (
                    <td className="table-cell whitespace-nowrap text-right">
                      <button type="button" className="btn-secondary mr-1 px-2 py-1 text-xs" onClick={() => setEditing(m)}>Edit<span className="sr-only"> {m.model}</span></button>
                      <button type="button" className="btn-secondary px-2 py-1 text-xs text-red-700" disabled={remove.isPending} onClick={() => remove.run({ model: m.model })}>
                        Delete<span className="sr-only"> {m.model}</span>
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage ? (
        providers.length === 0 ? (
          <p className="text-sm text-slate-600">Add a provider first: every model is served by one.</p>
        ) : (
          <div className="card p-4">
            <h3 className="mb-3 text-sm font-semibold">Add a model</h3>
            <ModelForm slug={slug} currency={currency} providers={providers} />
          </div>
        )
      ) : null}
      <ModalDialog isOpen={editing !== null} title={editing ? `Edit ${editing.model}` : ""} onClose={() => setEditing(null)}>
        {editing ? <ModelForm key={editing.model} slug={slug} currency={currency} providers={providers} editing={editing} onDone={() => setEditing(null)} /> : null}
      </ModalDialog>
    </div>
  );
}
