// Loads tree-sitter (WebAssembly) and the three grammars once per process, and walks the trees it
// produces. The .wasm files are resolved from node_modules at run time (not bundled): that works
// the same in vitest, tsx and `next start`, where web-tree-sitter is a server external package.
import { createRequire } from "node:module";
import path from "node:path";
import { Language, Parser, Query, type Node, type Tree } from "web-tree-sitter";
import type { CodeLanguage, ParseError } from "./types";

export type { Node, Tree };

const GRAMMAR_FILES: Record<CodeLanguage, string> = {
  python: "tree-sitter-python/tree-sitter-python.wasm",
  bash: "tree-sitter-bash/tree-sitter-bash.wasm",
  javascript: "tree-sitter-javascript/tree-sitter-javascript.wasm",
};

// Resolving from the working directory rather than this module's URL: inside a Next.js server
// bundle, import.meta.url points into .next/, not at the project.
const resolveFromProject = createRequire(path.join(process.cwd(), "package.json")).resolve;

let runtime: Promise<void> | undefined;
const parsers = new Map<CodeLanguage, Promise<Parser>>();

function initRuntime(): Promise<void> {
  runtime ??= Parser.init({ locateFile: () => resolveFromProject("web-tree-sitter/tree-sitter.wasm") });
  return runtime;
}

/** One parser per language, created on first use and reused (parsing is synchronous, so sharing is safe). */
export function parserFor(language: CodeLanguage): Promise<Parser> {
  let parser = parsers.get(language);
  if (!parser) {
    parser = initRuntime().then(async () => {
      const created = new Parser();
      created.setLanguage(await Language.load(resolveFromProject(GRAMMAR_FILES[language])));
      return created;
    });
    // A failed load (missing file) must not be cached forever: the next call retries.
    parser.catch(() => parsers.delete(language));
    parsers.set(language, parser);
  }
  return parser;
}

/** Every node in source order (pre-order), iteratively: deeply nested code cannot overflow the stack. */
export function* walk(root: Node): Generator<Node> {
  const cursor = root.walk();
  try {
    for (;;) {
      yield cursor.currentNode;
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return;
      }
    }
  } finally {
    cursor.delete();
  }
}

const queries = new Map<string, Query>();

/**
 * The nodes a tree-sitter query captures, in source order. Queries run inside the WASM module,
 * so looking for a few node types this way is much cheaper than walking every node in JavaScript.
 */
export function captures(root: Node, pattern: string): Node[] {
  const language = root.tree.language;
  const key = `${language.name}\n${pattern}`;
  let query = queries.get(key);
  if (!query) {
    query = new Query(language, pattern);
    queries.set(key, query);
  }
  return query.captures(root).map((capture) => capture.node);
}

const MAX_PARSE_ERRORS = 50;

/** ERROR and MISSING nodes as positioned messages (at most 50: one is enough to refuse the code). */
export function parseErrors(root: Node): ParseError[] {
  if (!root.hasError) return [];
  const errors: ParseError[] = [];
  for (const node of walk(root)) {
    if (errors.length >= MAX_PARSE_ERRORS) break;
    if (!node.isError && !node.isMissing) continue;
    const at = { line: node.startPosition.row + 1, column: node.startPosition.column };
    const near = node.text.split("\n")[0]!.slice(0, 40);
    errors.push({ ...at, message: node.isMissing ? `missing ${node.type}` : near ? `syntax error near "${near}"` : "syntax error" });
  }
  return errors;
}

// web-tree-sitter types child lists as (Node | null)[]; a parsed tree has no null children.
export function named(node: Node | null | undefined): Node[] {
  return (node?.namedChildren ?? []).filter((child): child is Node => child !== null);
}

export function tokens(node: Node): Node[] {
  return node.children.filter((child): child is Node => child !== null);
}

export function fieldChildren(node: Node, field: string): Node[] {
  return node.childrenForFieldName(field).filter((child): child is Node => child !== null);
}
