// The analyser's entry point: parse the code with tree-sitter and list, in source order, what it
// would do (imports, processes, files, network, environment, dynamic code, obfuscation). The code
// is never run. A syntax error does not stop the analysis: the rest of the tree is still read.
import { extractBash } from "./analyze-bash";
import { extractJavaScript } from "./analyze-javascript";
import { extractPython } from "./analyze-python";
import type { OperationList } from "./operation-list";
import { parseErrors, parserFor, type Node } from "./syntax-tree";
import { CODE_LANGUAGES, type Analysis, type CodeLanguage } from "./types";

/** Larger code is refused: tree-sitter is linear, but a gate request should not carry more. */
export const MAX_CODE_BYTES = 1024 * 1024;

const EXTRACTORS: Record<CodeLanguage, (root: Node) => OperationList> = {
  python: extractPython,
  bash: extractBash,
  javascript: extractJavaScript,
};

export async function analyzeCode(language: CodeLanguage, code: string): Promise<Analysis> {
  if (!CODE_LANGUAGES.includes(language)) throw new TypeError(`unsupported language "${String(language)}": expected one of ${CODE_LANGUAGES.join(", ")}`);
  if (typeof code !== "string") throw new TypeError("code must be a string");
  const sizeBytes = Buffer.byteLength(code, "utf8");
  if (sizeBytes > MAX_CODE_BYTES) throw new RangeError(`code is ${sizeBytes} bytes; at most ${MAX_CODE_BYTES} bytes (1 MiB) can be analysed`);
  const parser = await parserFor(language);
  const tree = parser.parse(code);
  if (!tree) throw new Error(`the ${language} parser returned no tree`);
  try {
    const errors = parseErrors(tree.rootNode);
    return {
      language,
      parsed: errors.length === 0,
      parse_errors: errors,
      operations: EXTRACTORS[language](tree.rootNode).sorted(),
      size_bytes: sizeBytes,
      lines: code === "" ? 0 : code.split("\n").length - (code.endsWith("\n") ? 1 : 0),
    };
  } finally {
    tree.delete(); // WASM memory is not garbage-collected
  }
}
