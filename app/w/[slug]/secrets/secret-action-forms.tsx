"use client";

// The forms an admin opens from a secret's row, each shown in the page's modal dialog.
import { toast } from "sonner";
import type { SecretSummary } from "@/lib/vault/manage-secrets";
import { changeSecretScopeAction, deleteSecretAction, restoreSecretVersionAction, storeSecretAction } from "./actions";
import { Field, FormError, SCOPE_HINT, takeValue, valueInputProps } from "./secret-fields";
import { useServerAction } from "@/components/forms/use-server-action";

export type RowAction = "set-value" | "change-scope" | "roll-back" | "delete";
type FormProps = { slug: string; secret: SecretSummary; onDone: () => void };

export const ACTION_TITLES: Record<RowAction, (name: string) => string> = {
  "set-value": (name) => `Set a new value for ${name}`,
  "change-scope": (name) => `Change the scope of ${name}`,
  "roll-back": (name) => `Roll back ${name}`,
  delete: (name) => `Delete ${name}?`,
};

export function SecretActionForm({ action, ...props }: FormProps & { action: RowAction }) {
  switch (action) {
    case "set-value":
      return <SetValueForm {...props} />;
    case "change-scope":
      return <ChangeScopeForm {...props} />;
    case "roll-back":
      return <RollBackForm {...props} />;
    case "delete":
      return <DeleteForm {...props} />;
  }
}

function SetValueForm({ slug, secret, onDone }: FormProps) {
  const store = useServerAction(
    (input: { name: string; value: string }) => storeSecretAction(slug, input),
    (data) => {
      toast.success(`Stored version ${data.version} of ${data.name}`);
      onDone();
    },
  );
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    store.run({ name: secret.name, value: takeValue(event.currentTarget) });
  }
  return (
    <form onSubmit={onSubmit}>
      <fieldset disabled={store.isPending} className="space-y-4">
        <Field
          id="new-value"
          label="New value"
          hint={`Becomes version ${secret.version + 1}, the one agents read. Older versions are kept for roll back.`}
          error={store.error?.message ?? null}
          input={valueInputProps}
        />
        <DialogButtons submit={store.isPending ? "Saving…" : "Save new value"} onCancel={onDone} />
      </fieldset>
    </form>
  );
}

function ChangeScopeForm({ slug, secret, onDone }: FormProps) {
  const change = useServerAction(
    (input: { name: string; scope_required: string }) => changeSecretScopeAction(slug, input),
    (data) => {
      toast.success(`${data.name} now requires the scope ${data.scope_required}`);
      onDone();
    },
  );
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const scope = String(new FormData(event.currentTarget).get("scope_required") ?? "").trim();
    change.run({ name: secret.name, scope_required: scope });
  }
  return (
    <form onSubmit={onSubmit}>
      <fieldset disabled={change.isPending} className="space-y-4">
        <Field
          id="change-scope"
          label="Required scope"
          hint={SCOPE_HINT}
          error={change.error?.message ?? null}
          input={{ name: "scope_required", required: true, maxLength: 64, defaultValue: secret.scope_required, autoComplete: "off", spellCheck: false }}
        />
        <DialogButtons submit={change.isPending ? "Changing…" : "Change scope"} onCancel={onDone} />
      </fieldset>
    </form>
  );
}

function RollBackForm({ slug, secret, onDone }: FormProps) {
  const older = secret.versions.filter((v) => v !== secret.version);
  const restore = useServerAction(
    (input: { name: string; version: number }) => restoreSecretVersionAction(slug, input),
    (data) => {
      toast.success(`Restored version ${data.from_version} of ${data.name} as version ${data.version}`);
      onDone();
    },
  );
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    restore.run({ name: secret.name, version: Number(new FormData(event.currentTarget).get("version")) });
  }
  return (
    <form onSubmit={onSubmit}>
      <fieldset disabled={restore.isPending} className="space-y-4">
        <div>
          <label htmlFor="roll-back-version" className="label">Version to restore</label>
          <select id="roll-back-version" name="version" className="input" aria-describedby="roll-back-hint" defaultValue={older[0]}>
            {older.map((v) => <option key={v} value={v}>Version {v}</option>)}
          </select>
          <p id="roll-back-hint" className="mt-1 text-xs text-slate-500">
            Its value becomes version {secret.version + 1}, the one agents read. Every version is kept.
          </p>
          <FormError message={restore.error?.message ?? null} />
        </div>
        <DialogButtons submit={restore.isPending ? "Rolling back…" : "Roll back"} onCancel={onDone} />
      </fieldset>
    </form>
  );
}

function DeleteForm({ slug, secret, onDone }: FormProps) {
  const remove = useServerAction(
    (input: { name: string }) => deleteSecretAction(slug, input),
    (data) => {
      toast.success(`Deleted ${data.name}`);
      onDone();
    },
  );
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    remove.run({ name: secret.name });
  }
  return (
    <form onSubmit={onSubmit}>
      <fieldset disabled={remove.isPending} className="space-y-4">
        <p className="text-sm text-slate-700">
          Agents can no longer read it, from their next request on. Storing a secret under the same name later starts from its next version.
        </p>
        <FormError message={remove.error?.message ?? null} />
        <DialogButtons submit={remove.isPending ? "Deleting…" : "Delete secret"} onCancel={onDone} isDanger />
      </fieldset>
    </form>
  );
}

/** Cancel, then the action; a destructive action starts with the focus on Cancel. */
function DialogButtons({ submit, onCancel, isDanger = false }: { submit: string; onCancel: () => void; isDanger?: boolean }) {
  return (
    <div className="flex justify-end gap-2 pt-1">
      <button type="button" className="btn-secondary" onClick={onCancel} data-autofocus={isDanger || undefined}>Cancel</button>
      <button type="submit" className={isDanger ? "btn-danger" : "btn-primary"}>{submit}</button>
    </div>
  );
}
