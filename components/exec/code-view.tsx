// The code of a run with line numbers and its detected operations highlighted, a legend of the
// kinds present and the operations listed with their detail, each linking to its line. Text
// nodes only (React escapes them): the code is untrusted. No hooks, so server pages and the
// approvals queue (a client component) both render it.
import type { Operation } from "@/lib/exec/types";
import { highlightLine, splitLines } from "./highlight";
import { kindStyle } from "./kind-styles";

type Props = { code: string; operations: Operation[]; language: string; /** Keeps line anchors unique when several views share a page. */ anchorPrefix: string };

export function CodeView({ code, operations, language, anchorPrefix }: Props) {
  const lines = splitLines(code);
  const kinds = [...new Set(operations.map((op) => op.kind))];
  const anchor = (line: number) => `${anchorPrefix}-L${line}`;
  return (
    <div className="space-y-3" data-testid="code-view">
      {kinds.length ? (
        <ul aria-label="Legend" className="flex flex-wrap gap-2 text-xs">
          {kinds.map((kind) => (
            <li key={kind} className={`rounded px-2 py-0.5 ring-1 ${kindStyle(kind).mark}`} data-testid={`legend-${kind}`}>{kindStyle(kind).label}</li>
          ))}
        </ul>
      ) : null}
      <pre className="max-h-[32rem] overflow-auto rounded-md border border-slate-200 bg-slate-50 py-2 text-xs leading-5" aria-label={`${language} code`}>
        <code>
          {lines.map((text, i) => (
            <span key={i} id={anchor(i + 1)} className="flex target:bg-yellow-50">
              <span aria-hidden="true" className="w-10 shrink-0 select-none pr-3 text-right text-slate-400">{i + 1}</span>
              <span className="whitespace-pre pr-4">
                {highlightLine(text, i + 1, operations).map((segment, j) =>
                  segment.op === null ? (
                    segment.text
                  ) : (
                    <mark key={j} data-kind={operations[segment.op]!.kind} title={operations[segment.op]!.detail} className={`rounded-sm ring-1 ${kindStyle(operations[segment.op]!.kind).mark}`}>
                      {segment.text}
                    </mark>
                  ),
                )}
              </span>
            </span>
          ))}
        </code>
      </pre>
      {operations.length ? (
        <ol aria-label="Detected operations" className="space-y-1 text-sm">
          {operations.map((op, i) => (
            <li key={i} className="flex flex-wrap items-baseline gap-x-2" data-testid="operation">
              <span className={`rounded px-1.5 text-xs ring-1 ${kindStyle(op.kind).mark}`}>{kindStyle(op.kind).label}</span>
              <code className="text-xs">{op.call}</code>
              {op.target ? <code className="text-xs text-slate-500">{op.target}</code> : null}
              <span className="text-slate-700">{op.detail}</span>
              <a href={`#${anchor(op.line)}`} className="text-xs text-brand-700 underline">line {op.line}</a>
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-sm text-slate-600">The analyser found no operations in this code.</p>
      )}
    </div>
  );
}
