// Bash words as values: the literal text of a word or quoted string, or null when it expands
// something at run time (other than a variable the script set once to a literal).
import { fieldChildren, named, type Node } from "./syntax-tree";

/** Variables the script assigns exactly once, to a literal: their value wherever they are used. */
export type Variables = ReadonlyMap<string, string>;
const NONE: Variables = new Map();

export function wordValue(node: Node | null | undefined, vars: Variables = NONE): string | null {
  if (!node) return null;
  switch (node.type) {
    case "simple_expansion":
    case "expansion": {
      // $X and ${X}; not ${X:-default}, ${#X} or $1.
      const parts = named(node);
      return parts.length === 1 && parts[0]!.type === "variable_name" ? (vars.get(parts[0]!.text) ?? null) : null;
    }
    case "word":
    case "number":
      return node.text.replace(/\\(.)/g, "$1");
    case "raw_string":
      return node.text.slice(1, -1);
    case "string": {
      let value = "";
      for (const part of named(node)) {
        const text = part.type === "string_content" ? part.text : wordValue(part, vars);
        if (text === null) return null;
        value += text;
      }
      return value;
    }
    case "concatenation": {
      const parts = named(node).map((part) => wordValue(part, vars));
      return parts.every((part) => part !== null) ? parts.join("") : null;
    }
    default:
      return null;
  }
}

/** A command's name and arguments, with wrappers (sudo, nohup, env VAR=1, timeout 5) looked through. */
export type SimpleCommand = { name: string | null; nameNode: Node; args: Node[]; values: (string | null)[]; wrappers: string[] };

const WRAPPERS = new Set(["sudo", "nohup", "exec", "nice", "time", "command", "builtin", "xargs", "timeout", "stdbuf", "env", "doas"]);

export function simpleCommand(command: Node, vars: Variables = NONE): SimpleCommand {
  const nameNode = command.childForFieldName("name")!;
  let args = fieldChildren(command, "argument");
  let name = wordValue(nameNode.namedChild(0), vars);
  const wrappers: string[] = [];
  while (name && WRAPPERS.has(name)) {
    // Skip the wrapper's options (and `timeout`'s duration, `env`'s assignments) to reach the command.
    let i = 0;
    while (i < args.length && /^(-|\w+=)/.test(wordValue(args[i], vars) ?? "")) i++;
    if (name === "timeout") i++;
    if (i >= args.length) break; // `env` alone, `sudo -l`: the wrapper is the command
    wrappers.push(name);
    name = wordValue(args[i], vars);
    args = args.slice(i + 1);
  }
  return { name, nameNode, args, values: args.map((arg) => wordValue(arg, vars)), wrappers };
}

export function hasOption(values: (string | null)[], ...options: string[]): boolean {
  return values.some((value) => value !== null && (options.includes(value) || options.some((option) => /^-[a-zA-Z]$/.test(option) && /^-[a-zA-Z]+$/.test(value) && value.includes(option[1]!))));
}

/** Operands: arguments that are not options nor the values of the given value-taking options. */
export function operands(values: (string | null)[], valueOptions: string[] = []): (string | null)[] {
  const result: (string | null)[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === "--") return result.concat(values.slice(i + 1));
    if (value !== null && value.startsWith("-") && value !== "-") {
      if (valueOptions.includes(value)) i++;
      continue;
    }
    result.push(value);
  }
  return result;
}
