// What a JavaScript module's names stand for: required/imported modules and their members
// (`const { exec: run } = require("child_process")` → run is child_process.exec), string
// constants (one step of propagation), and variables holding decoded payloads.
import { named, type Node } from "./syntax-tree";

export type ConstString = { value: string; built: boolean };

// Globals the analyser cares about; a local declaration of the same name shadows them.
const GLOBALS = new Set(["require", "fetch", "eval", "Function", "globalThis", "global", "window", "self", "process", "Buffer", "atob", "setTimeout", "setInterval", "WebSocket", "String"]);
const GLOBAL_OBJECTS = /^(globalThis|global|window|self)\./;

/** "node:fs" → "fs", "fs/promises" and fs.promises → fs: the same operations whatever the spelling. */
export function canonicalModule(specifier: string): string {
  return specifier.replace(/^node:/, "").replace(/^fs\/promises$/, "fs");
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
        return this.qualify(named(node)[named(node).length - 1] ?? null);
      case "call_expression": {
        const fn = node.childForFieldName("function");
        const first = node.childForFieldName("arguments")?.namedChild(0) ?? null;
        if (fn?.type === "import" || this.qualify(fn) === "require") {
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

  // String.fromCharCode(101, 118) and ["ev", "al"].join(""): how hidden names are usually spelled.
  private builtConstant(call: Node): ConstString | null {
    const fn = call.childForFieldName("function");
    const args = named(call.childForFieldName("arguments"));
    if (this.qualify(fn) === "String.fromCharCode" && args.every((arg) => arg.type === "number")) {
      return { value: String.fromCharCode(...args.map((arg) => Number(arg.text))), built: true };
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
