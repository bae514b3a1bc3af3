// A line diff of two texts (e.g. two policy versions as YAML): removed lines in red with "-",
// added lines in green with "+", unchanged lines in grey.
import { diffLines } from "diff";

type Props = { before: string; after: string; beforeLabel: string; afterLabel: string };

export function TextDiff({ before, after, beforeLabel, afterLabel }: Props) {
  const parts = diffLines(before, after);
  const added = parts.filter((p) => p.added).reduce((n, p) => n + (p.count ?? 0), 0);
  const removed = parts.filter((p) => p.removed).reduce((n, p) => n + (p.count ?? 0), 0);
  return (
    <figure className="card overflow-hidden" data-testid="text-diff">
      <figcaption className="border-b border-slate-200 bg-slate-50 px-3 py-2 text-xs text-slate-600">
        <span className="text-red-700">− {beforeLabel}</span> · <span className="text-emerald-700">+ {afterLabel}</span> ·{" "}
        {added === 0 && removed === 0 ? "no differences" : `${added} line(s) added, ${removed} removed`}
      </figcaption>
      <pre className="max-h-[32rem] overflow-auto p-0 text-xs leading-5">
        {parts.flatMap((part, i) =>
          part.value.replace(/\n$/, "").split("\n").map((line, j) => {
            const kind = part.added ? "added" : part.removed ? "removed" : "same";
            const style = kind === "added" ? "bg-emerald-50 text-emerald-900" : kind === "removed" ? "bg-red-50 text-red-900" : "text-slate-600";
            return (
              <div key={`${i}-${j}`} className={`px-3 ${style}`} data-diff={kind}>
                <span aria-hidden="true" className="select-none pr-2">{kind === "added" ? "+" : kind === "removed" ? "-" : " "}</span>
                <span className="sr-only">{kind === "added" ? "added: " : kind === "removed" ? "removed: " : ""}</span>
                {line}
              </div>
            );
          }),
        )}
      </pre>
    </figure>
  );
}
