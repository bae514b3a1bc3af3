"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { createPolicyAction } from "./actions";
import { useServerAction } from "@/components/forms/use-server-action";

type Preset = { key: string; name: string; description: string };

export function NewPolicyButton({ slug, presets }: { slug: string; presets: Preset[] }) {
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn-primary whitespace-nowrap" onClick={() => setOpen(true)}>New policy</button>
      <ModalDialog isOpen={isOpen} title="New policy" onClose={() => setOpen(false)}>
        {isOpen ? <NewPolicyForm slug={slug} presets={presets} onCancel={() => setOpen(false)} /> : null}
      </ModalDialog>
    </>
  );
}

function NewPolicyForm({ slug, presets, onCancel }: { slug: string; presets: Preset[]; onCancel: () => void }) {
  const router = useRouter();
  const [start, setStart] = useState("scratch");
  const [name, setName] = useState("");
  const [isNameTouched, setNameTouched] = useState(false);
  const create = useServerAction(
    (input: { name: string; preset?: string }) => createPolicyAction(slug, input),
    (data) => {
      toast.success(`Created ${data.name}`);
      router.push(`/w/${slug}/policies/${data.policy_id}`);
    },
    { refresh: false },
  );
  const choose = (key: string) => {
    setStart(key);
    // A preset's name is a good start, until the admin types one.
    if (!isNameTouched) setName(presets.find((p) => p.key === key)?.name ?? "");
  };
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.run({ name: name.trim(), ...(start === "scratch" ? {} : { preset: start }) });
  }
  const options = [{ key: "scratch", name: "From scratch", description: "Deny by default: every action no rule allows is blocked." }, ...presets];
  return (
    <form onSubmit={onSubmit}>
      <fieldset disabled={create.isPending} className="space-y-4">
        <fieldset>
          <legend className="label">Start from</legend>
          <div className="space-y-2">
            {options.map((option) => (
              <label key={option.key} className="flex gap-2 rounded-md border border-slate-200 p-2 text-sm">
                <input type="radio" name="start" value={option.key} checked={start === option.key} onChange={() => choose(option.key)} className="mt-1" />
                <span>
                  <span className="font-medium">{option.name}</span>
                  <span className="block text-xs text-slate-500">{option.description}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <label htmlFor="new-policy-name" className="label">Name</label>
          <input
            id="new-policy-name"
            className="input"
            required
            maxLength={100}
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              setNameTouched(true);
            }}
            aria-invalid={create.error ? true : undefined}
            aria-describedby={create.error ? "new-policy-error" : undefined}
          />
          {create.error ? <p id="new-policy-error" role="alert" className="mt-1 text-sm text-red-700">{create.error.message}</p> : null}
        </div>
        <div className="flex justify-end gap-2 pt-1">
          <button type="button" className="btn-secondary" onClick={onCancel}>Cancel</button>
          <button type="submit" className="btn-primary">{create.isPending ? "Creating…" : "Create policy"}</button>
        </div>
      </fieldset>
    </form>
  );
}
