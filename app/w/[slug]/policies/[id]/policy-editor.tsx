"use client";

// A policy's page: the draft in the rule builder or as raw YAML/JSON, publish, the version
// history with diffs and roll back, and "Test this draft". The rule builder's state is the
// working copy; the raw editor takes it over while its text is being edited.
import { useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { PolicyDocumentSchema, type PolicyDocument } from "@/lib/policies/schemas";
import { publishPolicyAction, saveDraftAction } from "../actions";
import { checkText, download, fileName, toText, type TextFormat } from "../policy-text";
import { useServerAction } from "@/components/forms/use-server-action";
import { anchorOf, toDocument, toForm, type PolicyForm } from "./form-model";
import { RawEditor } from "./raw-editor";
import { RuleBuilder } from "./rule-builder";
import { SimulationPanel } from "./simulation-panel";
import { VersionHistory, type VersionView } from "./version-history";

const TABS = [
  { id: "rules", label: "Rules" },
  { id: "raw", label: "YAML / JSON" },
  { id: "versions", label: "Versions" },
  { id: "test", label: "Test this draft" },
] as const;
type Tab = (typeof TABS)[number]["id"];

type Props = {
  slug: string;
  policyId: string;
  draft: PolicyDocument;
  publishedVersion: number | null;
  draftDiffers: boolean;
  versions: VersionView[];
  isReadOnly: boolean;
};

/** Keys sorted, so documents compare equal whatever order their fields were stored in. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
const normalized = (value: unknown) => {
  const result = PolicyDocumentSchema.safeParse(value);
  return result.success ? result.data : value;
};

export function PolicyEditor({ slug, policyId, draft, publishedVersion, draftDiffers, versions, isReadOnly }: Props) {
  const [tab, setTab] = useState<Tab>("rules");
  const [form, setForm] = useState<PolicyForm>(() => toForm(draft));
  const [raw, setRaw] = useState<{ text: string; format: TextFormat; isSource: boolean }>({ text: toText(draft, "yaml"), format: "yaml", isSource: false });
  const [isPublishOpen, setPublishOpen] = useState(false);
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});

  const rawCheck = useMemo(() => checkText(raw.text, raw.format), [raw.text, raw.format]);
  const working = raw.isSource ? (rawCheck.ok ? rawCheck.document : rawCheck.value) : toDocument(form);
  const isDirty = canonical(normalized(working)) !== canonical(draft);

  const reset = (document: PolicyDocument) => {
    setForm(toForm(document));
    setRaw((r) => ({ text: toText(document, r.format), format: r.format, isSource: false }));
  };

  const save = useServerAction(
    (input: { policy_id: string; document: unknown }) => saveDraftAction(slug, input),
    (data) => {
      toast.success(`Saved the draft of ${data.name}`);
      if (raw.isSource && rawCheck.ok) {
        setForm(toForm(rawCheck.document));
        setRaw((r) => ({ ...r, isSource: false }));
      }
    },
  );
  const publish = useServerAction(
    (input: { policy_id: string }) => publishPolicyAction(slug, input),
    (data) => {
      toast.success(`Published version ${data.version}`);
      setPublishOpen(false);
    },
  );

  function saveFromForm() {
    save.run({ policy_id: policyId, document: toDocument(form) });
  }
  function saveFromRaw() {
    if (!rawCheck.ok) {
      toast.error(`Not saved: fix the ${rawCheck.issues.length} problem(s) listed under the editor`);
      return;
    }
    save.run({ policy_id: policyId, document: rawCheck.value });
  }

  function selectTab(next: Tab) {
    if (next === tab) return;
    if (tab === "raw" && raw.isSource) {
      if (rawCheck.ok) {
        setForm(toForm(rawCheck.document));
        setRaw((r) => ({ ...r, isSource: false }));
      } else if (next === "rules") {
        toast.error("Fix the problems in the YAML / JSON editor before going back to the rule builder");
        return;
      }
    }
    if (next === "raw" && !raw.isSource) setRaw((r) => ({ ...r, text: toText(normalized(toDocument(form)), r.format) }));
    save.setError(null);
    setTab(next);
  }
  function onTabKey(event: React.KeyboardEvent, index: number) {
    const delta = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (delta === 0) return;
    event.preventDefault();
    const next = TABS[(index + delta + TABS.length) % TABS.length]!.id;
    selectTab(next);
    tabRefs.current[next]?.focus();
  }

  const errorAt = (path: string) => (save.error?.field && anchorOf(save.error.field) === path ? save.error.message : null);
  const nextVersion = (versions[0]?.version ?? 0) + 1;

  return (
    <div className="space-y-4">
      {/* Sticky: Save and Publish stay in reach while a long rule list is edited. */}
      <div className="sticky top-0 z-10 -mx-2 flex flex-wrap items-center justify-between gap-3 bg-slate-50/95 px-2 py-2">
        <p className="text-sm text-slate-600" data-testid="policy-status">
          {publishedVersion ? `Version ${publishedVersion} in force.` : "Not published yet."}{" "}
          {draftDiffers ? <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-800">draft differs</span> : null}{" "}
          {isDirty && !isReadOnly ? <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-800">unsaved changes</span> : null}
        </p>
        <div className="flex gap-2">
          {tab === "rules" && !isReadOnly ? (
            <button type="submit" form="rules-form" className="btn-primary" disabled={save.isPending}>{save.isPending ? "Saving…" : "Save draft"}</button>
          ) : null}
          <button type="button" className="btn-secondary" onClick={() => download(fileName(draft.name, "draft"), toText(draft, "yaml"))}>Export YAML</button>
          {isReadOnly ? null : (
            <button type="button" className="btn-secondary" onClick={() => setPublishOpen(true)} disabled={publishedVersion !== null && !draftDiffers} title={publishedVersion !== null && !draftDiffers ? "The draft is the version in force" : undefined}>
              Publish…
            </button>
          )}
        </div>
      </div>

      <div role="tablist" aria-label="Policy" className="flex gap-1 border-b border-slate-200">
        {TABS.map((t, i) => (
          <button
            key={t.id}
            ref={(element) => void (tabRefs.current[t.id] = element)}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => selectTab(t.id)}
            onKeyDown={(event) => onTabKey(event, i)}
            className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${tab === t.id ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {t.label}
          </button>
        ))}
      </div>

      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === "rules" ? (
          <form
            id="rules-form"
            onSubmit={(event) => {
              event.preventDefault();
              saveFromForm();
            }}
          >
            <fieldset disabled={save.isPending} className="space-y-4">
              {save.error ? <p className="text-sm text-red-700" data-testid="save-error">Not saved: {save.error.message}</p> : null}
              <RuleBuilder form={form} onChange={setForm} errorAt={errorAt} isReadOnly={isReadOnly} />
            </fieldset>
          </form>
        ) : null}
        {tab === "raw" ? (
          <RawEditor
            text={raw.text}
            format={raw.format}
            check={save.error && rawCheck.ok ? { ok: false, issues: [{ path: save.error.field ?? "server", message: save.error.message }] } : rawCheck}
            onChange={(next) => {
              save.setError(null);
              setRaw({ ...next, isSource: true });
            }}
            onSave={saveFromRaw}
            isSaving={save.isPending}
            isReadOnly={isReadOnly}
          />
        ) : null}
        {tab === "versions" ? (
          <VersionHistory slug={slug} policyId={policyId} policyName={draft.name} versions={versions} draft={draft} isReadOnly={isReadOnly} onRolledBack={reset} />
        ) : null}
        {tab === "test" ? <SimulationPanel slug={slug} policyId={policyId} isDirty={isDirty && !isReadOnly} /> : null}
      </div>

      <ModalDialog isOpen={isPublishOpen} title={`Publish the draft as version ${nextVersion}?`} onClose={() => setPublishOpen(false)}>
        <div className="space-y-4">
          <p className="text-sm text-slate-700">
            The saved draft becomes version {nextVersion} and governs agents from their next request{publishedVersion ? `, replacing version ${publishedVersion}` : ""}.
          </p>
          {isDirty ? <p className="text-sm text-amber-800">You have unsaved changes: they are not published. Save the draft first to include them.</p> : null}
          {publish.error ? <p role="alert" className="text-sm text-red-700">{publish.error.message}</p> : null}
          <div className="flex justify-end gap-2">
            <button type="button" className="btn-secondary" onClick={() => setPublishOpen(false)} data-autofocus>Cancel</button>
            <button type="button" className="btn-primary" disabled={publish.isPending} onClick={() => publish.run({ policy_id: policyId })}>
              {publish.isPending ? "Publishing…" : `Publish version ${nextVersion}`}
            </button>
          </div>
        </div>
      </ModalDialog>
    </div>
  );
}
