"use client";

import { toast } from "sonner";
import { useServerAction } from "@/components/forms/use-server-action";
import { setGatewaySettingsAction } from "./actions";

/** The store-bodies switch: applied on change, admins only. */
export function SettingsSection({ slug, storeBodies, canManage }: { slug: string; storeBodies: boolean; canManage: boolean }) {
  const save = useServerAction((input: { store_bodies: boolean }) => setGatewaySettingsAction(slug, input), (s) =>
    toast.success(s.store_bodies ? "Bodies of new calls are stored (vault values redacted)" : "Bodies of new calls are no longer stored"),
  );
  return (
    <div className="card p-4">
      <label className="flex items-start gap-3">
        <input
          type="checkbox"
          className="mt-1"
          checked={storeBodies}
          disabled={!canManage || save.isPending}
          onChange={(event) => save.run({ store_bodies: event.target.checked })}
          aria-describedby="store-bodies-hint"
        />
        <span>
          <span className="font-medium">Store prompt and completion bodies (vault values redacted)</span>
          <span id="store-bodies-hint" className="block text-sm text-slate-600">
            Off: a call keeps its tokens, cost, decision and a hash of its content only. On: new calls also keep what was sent and answered, with every vault value replaced by [REDACTED:&lt;secret name&gt;].
          </span>
        </span>
      </label>
      {save.error ? <p role="alert" className="mt-2 text-sm text-red-700">{save.error.message}</p> : null}
    </div>
  );
}
