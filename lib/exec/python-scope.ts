// What a Python module's names stand for, learnt in source order: imported modules and their
// aliases, string constants (one step of propagation), pathlib paths and decoded payloads.
import { named, type Node } from "./syntax-tree";

/** A string the code computes from literals only; `built` when it was assembled ('o'+'s', chr(…)). */
export type ConstString = { value: string; built: boolean };

// Builtins the analyser cares about; a module-level def or assignment of the same name shadows them.
const PATH_CONSTRUCTORS = new Set(["pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath", "pathlib.WindowsPath"]);

const BUILTINS = new Set(["open", "eval", "exec", "compile", "__import__", "getattr", "globals", "vars", "locals", "chr", "bytes", "__builtins__"]);

export class PythonScope {
  private readonly aliases = new Map<string, string>();
  private readonly constants = new Map<string, ConstString>();
  private readonly paths = new Map<string, string | null>();
  readonly decoded = new Set<string>();
  private readonly shadowed = new Set<string>();

  /** rebound: names bound more than once, whose value at a use is unknown. */
  constructor(private readonly rebound: ReadonlySet<string> = new Set()) {}

  bindModule(local: string, qualified: string): void {
    this.aliases.set(local, qualified);
    this.shadowed.delete(local);
  }

  /** A name assigned something we do not model: forget what it meant before. */
  rebind(local: string): void {
    this.aliases.delete(local);
    this.constants.delete(local);
    this.paths.delete(local);
    this.decoded.delete(local);
    if (BUILTINS.has(local)) this.shadowed.add(local);
  }

  shadow(local: string): void {
    if (BUILTINS.has(local)) this.shadowed.add(local);
  }

  setConstant(local: string, value: ConstString): void {
    if (!this.rebound.has(local)) this.constants.set(local, value);
  }

  setPath(local: string, path: string | null): void {
    this.paths.set(local, this.rebound.has(local) ? null : path);
  }

  isModuleName(local: string): boolean {
    return this.aliases.has(local) || (local === "__builtins__" && !this.shadowed.has(local));
  }

  /** The canonical dotted name an expression refers to ("o.system" → "os.system"), or null. */
  qualify(node: Node | null): string | null {
    if (!node) return null;
    if (node.type === "identifier") {
      const alias = this.aliases.get(node.text);
      if (alias) return alias;
      return BUILTINS.has(node.text) && !this.shadowed.has(node.text) ? node.text : null;
    }
    if (node.type === "attribute") {
      const object = this.qualify(node.childForFieldName("object"));
      const attribute = node.childForFieldName("attribute")!.text;
      if (object === "__builtins__" || object === "builtins") return attribute; // __builtins__.eval is eval
      return object ? `${object}.${attribute}` : null;
    }
    if (node.type === "parenthesized_expression") return this.qualify(node.namedChild(0));
    if (node.type === "subscript") {
      // vars(__builtins__)["exec"], globals()["eval"], __builtins__["eval"]: a builtin reached
      // indirectly; sys.modules["os"]: a module.
      const value = node.childForFieldName("value")!;
      const namespace = value.type === "call" ? this.qualify(value.childForFieldName("function")) : this.qualify(value);
      const key = this.constant(node.childForFieldName("subscript"));
      if (!key) return null;
      if (namespace === "sys.modules") return key.value; // sys.modules["os"] is the os module
      return ["vars", "globals", "locals", "__builtins__"].includes(namespace ?? "") ? key.value : null;
    }
    if (node.type === "call") {
      // getattr(os, "system") and __import__("os") name things too.
      const callee = this.qualify(node.childForFieldName("function"));
      const args = positionalArgs(node);
      if (callee === "getattr" && args.length >= 2) {
        const object = this.qualify(args[0]!);
        const name = this.constant(args[1]!);
        return object && name ? `${object === "__builtins__" ? "builtins" : object}.${name.value}`.replace(/^builtins\./, "") : null;
      }
      if ((callee === "__import__" || callee === "importlib.import_module") && args[0]) return this.constant(args[0])?.value ?? null;
    }
    return null;
  }

  /** The path a pathlib expression stands for: a string when literal, null when computed, undefined when it is no path. */
  path(node: Node | null): string | null | undefined {
    if (!node) return undefined;
    if (node.type === "identifier") return this.paths.get(node.text);
    if (node.type === "parenthesized_expression") return this.path(node.namedChild(0));
    if (node.type === "call" && PATH_CONSTRUCTORS.has(this.qualify(node.childForFieldName("function")) ?? "")) {
      const args = positionalArgs(node);
      if (args.length === 0) return ".";
      const parts = args.map((arg) => this.constant(arg)?.value);
      return parts.every((part) => part !== undefined) ? parts.join("/") : null;
    }
    if (node.type === "binary_operator" && node.childForFieldName("operator")?.type === "/") {
      const base = this.path(node.childForFieldName("left"));
      if (base === undefined) return undefined;
      const leaf = this.constant(node.childForFieldName("right"))?.value;
      return base !== null && leaf !== undefined ? `${base}/${leaf}` : null;
    }
    return undefined;
  }

  /** The string an expression evaluates to when it is built from literals and known constants. */
  constant(node: Node | null): ConstString | null {
    if (!node) return null;
    switch (node.type) {
      case "string":
        return stringLiteral(node);
      case "concatenated_string": {
        const parts = named(node).map((part) => stringLiteral(part));
        return parts.every(Boolean) ? { value: parts.map((part) => part!.value).join(""), built: false } : null;
      }
      case "identifier":
        return this.constants.get(node.text) ?? null;
      case "parenthesized_expression":
        return this.constant(node.namedChild(0));
      case "binary_operator": {
        if (node.childForFieldName("operator")?.type !== "+") return null;
        const left = this.constant(node.childForFieldName("left"));
        const right = left && this.constant(node.childForFieldName("right"));
        return left && right ? { value: left.value + right.value, built: true } : null;
      }
      case "call":
        return this.builtConstant(node);
      default:
        return null;
    }
  }

  // chr(115), "".join([...]) and "sys"[::-1]-free cases: the ways obfuscated names are usually spelled.
  private builtConstant(call: Node): ConstString | null {
    const fn = call.childForFieldName("function");
    const args = positionalArgs(call);
    if (this.qualify(fn) === "chr" && args[0]?.type === "integer") {
      const code = Number(args[0].text);
      return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? { value: String.fromCodePoint(code), built: true } : null;
    }
    if (fn?.type === "attribute" && fn.childForFieldName("attribute")!.text === "join" && args[0]) {
      const separator = this.constant(fn.childForFieldName("object"));
      const list = args[0];
      if (!separator || (list.type !== "list" && list.type !== "tuple")) return null;
      const parts = named(list).map((item) => this.constant(item));
      return parts.every(Boolean) ? { value: parts.map((part) => part!.value).join(separator.value), built: true } : null;
    }
    return null;
  }
}

export function stringLiteral(node: Node): ConstString | null {
  if (node.type !== "string") return null;
  let value = "";
  for (const child of named(node)) {
    if (child.type === "interpolation") return null; // an f-string with a placeholder is computed
    if (child.type === "string_content" || child.type === "escape_sequence") value += child.text;
  }
  return { value, built: false };
}

export function positionalArgs(call: Node): Node[] {
  const list = call.childForFieldName("arguments");
  if (!list || list.type !== "argument_list") return [];
  return named(list).filter((arg) => arg.type !== "keyword_argument" && arg.type !== "comment");
}

export function keywordArg(call: Node, name: string): Node | null {
  const list = call.childForFieldName("arguments");
  for (const arg of named(list)) {
    if (arg.type === "keyword_argument" && arg.childForFieldName("name")?.text === name) return arg.childForFieldName("value");
  }
  return null;
}
