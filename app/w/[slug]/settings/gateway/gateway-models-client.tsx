"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { EmptyState } from "@/components/ui/empty-state";
import { deleteModelAction, saveModelAction } from "./actions";

type ModelItem = { model: string; provider: string; upstream_model: string; input_price: number; output_price: number; max_output_tokens: number };

type Props = { slug: string; providerNames: string[]; models: ModelItem[]; canManage: boolean };

/** The price table: which models agents may call, where each goes and its price per million tokens (workspace currency). */
export function GatewayModelsClient({ slug, providerNames, models, canManage }: Props) {
  const router = useRouter();
  const onResult = (message: string) => (result: { ok: true } | { ok: false; error: string }) => {
    if (!result.ok) return void toast.error(result.error);
    toast.success(message);
    router.refresh();
  };
  const save = useMutation({ mutationFn: (input: Record<string, unknown>) => saveModelAction(slug, input), onSuccess: onResult("Saved the model's prices") });
  const remove = useMutation({ mutationFn: (model: string) => deleteModelAction(slug, { model }), onSuccess: onResult("Model removed") });

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    save.mutate({
      model: text("model"),
      provider: text("provider"),
      ...(text("upstream_model") ? { upstream_model: text("upstream_model") } : {}),
      input_price: Number(text("input_price")),
      output_price: Number(text("output_price")),
      ...(text("max_output_tokens") ? { max_output_tokens: Number(text("max_output_tokens")) } : {}),
    });
  }

  return (
    <section className="space-y-4" aria-labelledby="gateway-models-title">
      <h2 id="gateway-models-title" className="text-lg font-semibold">Models and prices</h2>
      {canManage && providerNames.length > 0 ? (
        <form onSubmit={onSubmit} className="card grid gap-4 p-5 sm:grid-cols-3" aria-label="Save a model">
          <div>
            <label htmlFor="gwm-model" className="label">Model</label>
            <input id="gwm-model" name="model" required maxLength={128} className="input" placeholder="gpt-4o-mini" />
          </div>
          <div>
            <label htmlFor="gwm-provider" className="label">Provider</label>
            <select id="gwm-provider" name="provider" className="input">
              {providerNames.map((name) => <option key={name} value={name}>{name}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="gwm-upstream" className="label">Upstream model (optional)</label>
            <input id="gwm-upstream" name="upstream_model" maxLength={128} className="input" />
          </div>
          <div>
            <label htmlFor="gwm-input" className="label">Input price per million tokens</label>
            <input id="gwm-input" name="input_price" type="number" min={0} step="any" required className="input" />
          </div>
          <div>
            <label htmlFor="gwm-output" className="label">Output price per million tokens</label>
            <input id="gwm-output" name="output_price" type="number" min={0} step="any" required className="input" />
          </div>
          <div>
            <label htmlFor="gwm-max" className="label">Max output tokens (default 4096)</label>
            <input id="gwm-max" name="max_output_tokens" type="number" min={1} step={1} className="input" />
          </div>
          <button type="submit" className="btn-primary sm:col-span-3 sm:justify-self-start" disabled={save.isPending}>Save model</button>
        </form>
      ) : null}
      {models.length === 0 ? (
        <EmptyState title="No models yet">A model without a price row is refused by the gateway: a call that cannot be priced cannot be budgeted.</EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200" aria-label="Models">
            <thead className="bg-slate-50">
              <tr>
                <th className="table-head">Model</th>
                <th className="table-head">Provider</th>
                <th className="table-head">Upstream model</th>
                <th className="table-head">Input / output per million tokens</th>
                <th className="table-head">Max output tokens</th>
                <th className="table-head"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {models.map((m) => (
                <tr key={m.model} data-testid={`gateway-model-${m.model}`}>
                  <td className="table-cell font-mono text-xs">{m.model}</td>
                  <td className="table-cell">{m.provider}</td>
                  <td className="table-cell font-mono text-xs">{m.upstream_model}</td>
                  <td className="table-cell">{`${m.input_price} / ${m.output_price}`}</td>
                  <td className="table-cell">{m.max_output_tokens}</td>
                  <td className="table-cell text-right">
                    {canManage ? <button type="button" className="btn-secondary" onClick={() => remove.mutate(m.model)} disabled={remove.isPending}>Remove</button> : null}
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
