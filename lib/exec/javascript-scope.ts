// What a JavaScript module's names stand for: required/imported modules and their members
// (`const { exec: run } = require("child_process")` → run is child_process.exec), string
// constants (one step of propagation), and variables holding decoded payloads.
import { named, type Node } from "./syntax-tree";

export type ConstString = { value: string; built: boolean };

// Globals the analyser cares about; a local declaration of the same name shadows them.
const GLOBALS = new Set(["require", "module", "fetch", "eval", "Function", "globalThis", "global", "window", "self", "process", "Buffer", "atob", "setTimeout", "setInterval", "WebSocket", "String"]);
const GLOBAL_OBJECTS = /^(globalThis|global|window|self)\./;

/** "node:fs" → "fs", "fs/promises" and fs.promises → fs: the same operations whatever the spelling. */
export function canonicalModule(specifier: string): string {
  return specifier.replace(/^node:/, "").replace(/^fs\/promises$/, "fs");
}

/** require, and the same function reached another way (module.require, process.mainModule.require). */
export function isRequire(name: string | null): boolean {
  return name === "require" || name === "module.require" || name === "process.mainModule.require";
}

function canonicalName(name: string): string {
  return name.replace(GLOBAL_OBJECTS, "").replace(/^fs\.promises\./, "fs.").replace(/^fs\.promises$/, "fs");
}

export class JavaScriptScope {
  private readonly aliases = new Map<string, string>();
  private readonly constants = new Map<string, ConstString>();
  private readonly shadowed = new Set<string>();
  readonly decoded = new Set<string>();

  bind(local: string, qualified: string): void {
    this.aliases.set(local, canonicalName(qualified));
  }

  rebind(local: string): void {
    this.aliases.delete(local);
    this.constants.delete(local);
    this.decoded.delete(local);
    if (GLOBALS.has(local)) this.shadowed.add(local);
  }

  /** A name bound by require/import (possibly a member of the module), not a global. */
  isModule(qualified: string): boolean {
    return [...this.aliases.values()].includes(qualified);
  }

  setConstant(local: string, value: ConstString): void {
    this.constants.set(local, value);
  }

  qualify(node: Node | null): string | null {
    if (!node) return null;
    switch (node.type) {
      case "identifier": {
        const alias = this.aliases.get(node.text);
        if (alias) return alias;
        return GLOBALS.has(node.text) && !this.shadowed.has(node.text) ? node.text : null;
      }
      case "member_expression": {
        const object = this.qualify(node.childForFieldName("object"));
        return object ? canonicalName(`${object}.${node.childForFieldName("property")!.text}`) : null;
      }
      case "subscript_expression": {
        const object = this.qualify(node.childForFieldName("object"));
        const key = this.constant(node.childForFieldName("index"));
        return object && key ? canonicalName(`${object}.${key.value}`) : null;
      }
      case "parenthesized_expression":
      case "await_expression":
      case "sequence_expression": // (0, eval)(code) is an indirect eval
        return this.qualify(named(node)[named(node).length - 1] ?? null);
      case "call_expression": {
        const fn = node.childForFieldName("function");
        const first = node.childForFieldName("arguments")?.namedChild(0) ?? null;
        if (fn?.type === "import" || isRequire(this.qualify(fn))) {
          const moduleName = this.constant(first);
          return moduleName ? canonicalModule(moduleName.value) : null;
        }
        return null;
      }
      default:
        return null;
    }
  }

  constant(node: Node | null): ConstString | null {
    if (!node) return null;
    switch (node.type) {
      case "string":
      case "template_string": {
        if (named(node).some((part) => part.type === "template_substitution")) return null;
        return { value: node.text.slice(1, -1), built: false };
      }
      case "identifier":
        return this.constants.get(node.text) ?? null;
      case "parenthesized_expression":
        return this.constant(node.namedChild(0));
      case "binary_expression": {
        if (node.childForFieldName("operator")?.type !== "+") return null;
        const left = this.constant(node.childForFieldName("left"));
        const right = left && this.constant(node.childForFieldName("right"));
        return left && right ? { value: left.value + right.value, built: true } : null;
      }
      case "call_expression":
        return this.builtConstant(node);
      default:
        return null;
    }
  }

  // String.fromCharCode(101, 118) and ["ev", "al"].join(""): how hidden names are usually spelled;
  // and path.join of literals, a literal path.
  private builtConstant(call: Node): ConstString | null {
    const fn = call.childForFieldName("function");
    const args = named(call.childForFieldName("arguments"));
    if (this.qualify(fn) === "String.fromCharCode" && args.every((arg) => arg.type === "number")) {
      return { value: String.fromCharCode(...args.map((arg) => Number(arg.text))), built: true };
    }
    if (this.qualify(fn) === "path.join" && args.length > 0) {
      // path.join("data", "in.json") names a literal path; path.join(__dirname, …) does not.
      const parts = args.map((arg) => this.constant(arg));
      return parts.every(Boolean) ? { value: parts.map((part) => part!.value).join("/").replace(/\/{2,}/g, "/"), built: false } : null;
    }
    if (fn?.type === "member_expression" && fn.childForFieldName("property")!.text === "join") {
      const list = fn.childForFieldName("object");
      const separator = args[0] ? this.constant(args[0]) : { value: ",", built: false };
      if (list?.type !== "array" || !separator) return null;
      const parts = named(list).map((item) => this.constant(item));
      return parts.every(Boolean) ? { value: parts.map((part) => part!.value).join(separator.value), built: true } : null;
    }
    return null;
  }
}
