// Collects the operations an extractor finds, with positions from syntax nodes, up to a cap so
// that a huge input (1 MiB of calls) keeps a bounded result.
import type { Node } from "./syntax-tree";
import type { Operation, OperationKind } from "./types";

export const MAX_OPERATIONS = 10_000;

const VERBS: Record<OperationKind, string> = {
  import: "imports",
  process: "starts a process",
  file_read: "reads",
  file_write: "writes or removes",
  network: "connects to",
  env: "reads the environment variable",
  dynamic_code: "runs code built at run time",
  obfuscation: "hides what it does",
};

function describe(kind: OperationKind, call: string, target: string | null): string {
  const what = VERBS[kind];
  if (kind === "process" || kind === "dynamic_code" || kind === "obfuscation") return `${call} ${what}${target && target !== call ? ` (${target})` : ""}`;
  const subject = target ?? { import: "a computed module", file_read: "a computed path", file_write: "a computed path", network: "a computed host", env: "computed variables" }[kind];
  const who = kind === "import" && (call === "import" || call === "from import") ? "the code" : call;
  return `${who} ${kind === "env" && !target ? "reads" : what} ${subject}`;
}

export class OperationList {
  readonly operations: Operation[] = [];

  get full(): boolean {
    return this.operations.length >= MAX_OPERATIONS;
  }

  add(kind: OperationKind, target: string | null, call: string, node: Node, detail?: string): void {
    if (this.full) return;
    this.operations.push({
      kind,
      target,
      call,
      line: node.startPosition.row + 1,
      column: node.startPosition.column,
      end_line: node.endPosition.row + 1,
      end_column: node.endPosition.column,
      detail: detail ?? describe(kind, call, target),
    });
  }

  /** In source order; several operations found at one node keep the order they were added in. */
  sorted(): Operation[] {
    return this.operations
      .map((op, i) => ({ op, i }))
      .sort((a, b) => a.op.line - b.op.line || a.op.column - b.op.column || a.i - b.i)
      .map(({ op }) => op);
  }
}

/** The host of a literal URL ("https://api.x.com/v1" → "api.x.com"), or null when it is not one. */
export function urlHost(text: string): string | null {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]+\]|[^/:?#]+)/i.exec(text.trim());
  return match ? match[1]!.toLowerCase() : null;
}
