"use client";

// Published versions, newest first: which one is in force, who published it and when; the
// difference to the previous version or to the draft; export; roll back (a new version).
import { useState } from "react";
import { toast } from "sonner";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { TextDiff } from "@/components/ui/text-diff";
import type { PolicyDocument } from "@/lib/policies/schemas";
import { publishPolicyAction } from "../actions";
import { download, fileName, toText } from "../policy-text";
import { useServerAction } from "@/components/forms/use-server-action";

export type VersionView = { version: number; in_force: boolean; published_at: string; published_by: string; document: PolicyDocument };
type Comparison = { version: number; against: "previous" | "draft" };
type Props = {
  slug: string;
  policyId: string;
  policyName: string;
  versions: VersionView[];
  draft: PolicyDocument;
  isReadOnly: boolean;
  onRolledBack: (document: PolicyDocument) => void;
};

export function VersionHistory({ slug, policyId, policyName, versions, draft, isReadOnly, onRolledBack }: Props) {
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [rollBackTo, setRollBackTo] = useState<VersionView | null>(null);
  const latest = versions[0]?.version ?? 0;
  const rollBack = useServerAction(
    (input: { policy_id: string; version: number }) => publishPolicyAction(slug, input),
    (data) => {
      toast.success(`Rolled back to version ${data.from_version}: published as version ${data.version}`);
      if (rollBackTo) onRolledBack(rollBackTo.document);
      setRollBackTo(null);
      setComparison(null);
    },
  );

  if (versions.length === 0) {
    return <p className="card px-4 py-3 text-sm text-slate-600">Not published yet: agents are not governed by this policy until its draft is published.</p>;
  }
  const shown = comparison ? versions.find((v) => v.version === comparison.version) : undefined;
  const previous = shown ? versions.find((v) => v.version < shown.version) : undefined;

  return (
    <div className="space-y-4">
      <div className="card overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200" aria-label="Versions">
          <thead className="bg-slate-50">
            <tr>
              {["Version", "Published (UTC)", "By"].map((c) => <th key={c} className="table-head px-3">{c}</th>)}
              <th className="table-head px-3"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {versions.map((v) => (
              <tr key={v.version} data-testid={`version-row-${v.version}`}>
                <th scope="row" className="table-cell px-3 text-left font-medium">
                  v{v.version}
                  {v.in_force ? <span className="ml-2 rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-medium text-emerald-800">in force</span> : null}
                </th>
                <td className="table-cell whitespace-nowrap px-3"><time dateTime={v.published_at}>{v.published_at.slice(0, 19).replace("T", " ")}</time></td>
                <td className="table-cell px-3">{v.published_by}</td>
                <td className="table-cell px-3">
                  <div className="flex flex-wrap justify-end gap-1">
                    {v.version > 1 ? (
                      <RowButton label="Diff with previous" version={v.version} onClick={() => setComparison({ version: v.version, against: "previous" })} />
                    ) : null}
                    <RowButton label="Diff with draft" version={v.version} onClick={() => setComparison({ version: v.version, against: "draft" })} />
                    <RowButton label="Export YAML" version={v.version} onClick={() => download(fileName(policyName, `v${v.version}`), toText(v.document, "yaml"))} />
                    {isReadOnly || v.in_force ? null : (
                      <RowButton label="Roll back to this version" version={v.version} onClick={() => setRollBackTo(v)} />
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {shown && comparison ? (
        <section aria-label="Difference">
          <div className="mb-2 flex items-center justify-between">
            <h3 className="text-sm font-semibold">
              {comparison.against === "draft" ? `Version ${shown.version} → draft` : `Version ${previous?.version} → version ${shown.version}`}
            </h3>
            <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={() => setComparison(null)}>Close diff</button>
          </div>
          {comparison.against === "draft" ? (
            <TextDiff before={toText(shown.document, "yaml")} after={toText(draft, "yaml")} beforeLabel={`version ${shown.version}`} afterLabel="draft" />
          ) : (
            <TextDiff
              before={previous ? toText(previous.document, "yaml") : ""}
              after={toText(shown.document, "yaml")}
              beforeLabel={`version ${previous?.version ?? "none"}`}
              afterLabel={`version ${shown.version}`}
            />
          )}
        </section>
      ) : null}

      <ModalDialog isOpen={rollBackTo !== null} title={rollBackTo ? `Roll back to version ${rollBackTo.version}?` : ""} onClose={() => setRollBackTo(null)}>
        {rollBackTo ? (
          <div className="space-y-4">
            <p className="text-sm text-slate-700">
              Version {rollBackTo.version}&apos;s document is published again as version {latest + 1} and governs agents from their next request. It also
              replaces the draft; every version is kept.
            </p>
            {rollBack.error ? <p role="alert" className="text-sm text-red-700">{rollBack.error.message}</p> : null}
            <div className="flex justify-end gap-2">
              <button type="button" className="btn-secondary" onClick={() => setRollBackTo(null)} data-autofocus>Cancel</button>
              <button type="button" className="btn-danger" disabled={rollBack.isPending} onClick={() => rollBack.run({ policy_id: policyId, version: rollBackTo.version })}>
                {rollBack.isPending ? "Rolling back…" : `Roll back to version ${rollBackTo.version}`}
              </button>
            </div>
          </div>
        ) : null}
      </ModalDialog>
    </div>
  );
}

function RowButton({ label, version, onClick }: { label: string; version: number; onClick: () => void }) {
  return (
    <button type="button" className="btn-secondary whitespace-nowrap px-2 py-1 text-xs" onClick={onClick}>
      {label}
      <span className="sr-only"> (version {version})</span>
    </button>
  );
}
