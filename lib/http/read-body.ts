// Reads a JSON request body with a hard 1 MiB cap (checked on the header and while streaming),
// and parses it (JSON, or YAML for policies) into a value checked by checkUntrustedValue.
import { AppError } from "@/lib/errors";
import { checkUntrustedValue, MAX_NESTING_DEPTH } from "./untrusted-value";

export const MAX_BODY_BYTES = 1024 * 1024;

const tooLarge = () => new AppError("payload_too_large", `Request body exceeds ${MAX_BODY_BYTES} bytes`);

export async function readBodyText(request: Request): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const YAML_TYPES = /^(application|text)\/(x-)?yaml\b/i;

/** JSON, or YAML when the Content-Type says so (policies as code). */
export async function parseBodyAs(text: string, contentType: string | null): Promise<unknown> {
  if (!contentType || !YAML_TYPES.test(contentType)) return parseJsonBody(text);
  const { parse, Parser, YAMLParseError } = await import("yaml");
  let value: unknown;
  try {
    // yaml's parser (text to syntax tree) is iterative, but turning the tree into values
    // recurses: measure the tree's nesting first. (Overflowing the stack there can even abort
    // the process, when V8 compiles a regular expression with no stack left.)
    if (yamlNestingExceeds([...new Parser().parse(text)], MAX_NESTING_DEPTH)) throw tooDeep();
    value = text.trim() === "" ? {} : parse(text, { maxAliasCount: 100, logLevel: "error" });
  } catch (error) {
    if (error instanceof AppError) throw error;
    // Parsing is pure: whatever it throws is the document's fault (an alias to an unknown
    // anchor is a ReferenceError). A stack overflow, should one still happen, is a RangeError
    // or a YAMLParseError quoting it.
    if (error instanceof RangeError || (error instanceof Error && /call stack/i.test(error.message))) throw tooDeep();
    const where = error instanceof YAMLParseError && error.linePos?.[0] ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : "";
    const why = error instanceof YAMLParseError ? "" : `: ${error instanceof Error ? error.message.slice(0, 200) : "unreadable"}`;
    throw new AppError("invalid_request", `Malformed YAML body${where}${why}`, { field: "body", reason: `is not valid YAML${where}${why}` });
  }
  // YAML can express what JSON cannot (NaN, binary, sets, cyclic aliases): only JSON goes on.
  return checkUntrustedValue(value, { root: "body", isJsonOnly: true });
}

export function parseJsonBody(text: string): unknown {
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("invalid_request", "Malformed JSON body", { field: "body", reason: "is not valid JSON" });
  }
  return checkUntrustedValue(value, { root: "body", isJsonOnly: true });
}

const YAML_COLLECTIONS = new Set(["block-map", "block-seq", "flow-collection"]);

/** True when the syntax tree nests collections deeper than max; a walk with its own stack. */
function yamlNestingExceeds(tokens: unknown[], max: number): boolean {
  const stack: { node: unknown; depth: number }[] = tokens.map((node) => ({ node, depth: 0 }));
  while (stack.length > 0) {
    const { node, depth: outer } = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    const depth = YAML_COLLECTIONS.has((node as { type?: unknown }).type as string) ? outer + 1 : outer;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === "object") stack.push({ node: child, depth });
    }
  }
  return false;
}

const tooDeep = () => {
  const reason = `is nested deeper than ${MAX_NESTING_DEPTH} levels`;
  return new AppError("invalid_request", `Invalid body: ${reason}`, { field: "body", reason });
};
