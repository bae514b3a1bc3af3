// Bash: every command (looked through sudo/env/timeout wrappers), redirections, command
// substitutions, sensitive variable expansions, and pipelines that feed decoded text to a shell.
import { classifyCommand, INTERPRETERS, isDecoder, isSensitiveVariable, SHELLS } from "./bash-commands";
import { operands, simpleCommand, wordValue, type Variables } from "./bash-words";
import { OperationList } from "./operation-list";
import { captures, named, type Node, tokens, walk } from "./syntax-tree";

const HARMLESS_DESTINATIONS = /^\/dev\/(null|stdout|stderr|fd\/\d+|tty)$/;

// Where variables are set. One set once to a literal keeps that value (DIR=out; rm -r "$DIR");
// one set twice, or by a loop, is unknown at its uses, so its expansions stay computed.
const ASSIGNMENTS = "(variable_assignment name: (variable_name) @v) (for_statement variable: (variable_name) @v)";

export function extractBash(root: Node): OperationList {
  const ops = new OperationList();
  const assigned = new Map<string, number>();
  for (const name of captures(root, ASSIGNMENTS)) assigned.set(name.text, (assigned.get(name.text) ?? 0) + 1);
  const vars = new Map<string, string>();
  const functions = new Set<string>();
  for (const name of captures(root, "(function_definition name: (word) @name)")) functions.add(name.text);
  for (const node of walk(root)) {
    if (ops.full) break;
    switch (node.type) {
      case "variable_assignment": {
        const name = node.childForFieldName("name")!.text;
        const value = wordValue(node.childForFieldName("value"), vars);
        if (assigned.get(name) === 1 && value !== null) vars.set(name, value);
        break;
      }
      case "command":
        visitCommand(ops, functions, node, vars);
        break;
      case "pipeline":
        visitPipeline(ops, node, vars);
        break;
      case "command_substitution":
      case "process_substitution": {
        const inner = firstCommand(node);
        const name = inner ? simpleCommand(inner, vars).name : null;
        ops.add("process", name, node.type === "command_substitution" ? (node.text.startsWith("`") ? "`…`" : "$(…)") : "<(…)", node, `a ${node.type.replace("_", " ")} runs ${name ?? "a command"} in a subshell`);
        break;
      }
      case "file_redirect":
        visitRedirect(ops, node, vars);
        break;
      case "simple_expansion":
      case "expansion": {
        const variable = named(node).find((child) => child.type === "variable_name")?.text;
        if (variable && isSensitiveVariable(variable)) ops.add("env", variable, node.text, node);
        break;
      }
    }
  }
  return ops;
}

function visitCommand(ops: OperationList, functions: Set<string>, node: Node, vars: Variables): void {
  const command = simpleCommand(node, vars);
  if (command.name && functions.has(command.name)) return; // the script's own function
  const readsStdin = command.name !== null && INTERPRETERS.has(command.name) && operands(command.values).length === 0 && !command.values.includes("-c");
  if (readsStdin && isPipedInto(node)) return; // visitPipeline has it
  // A here-string hangs off the command itself; a here-document off the statement around it.
  const input = inputRedirect(node) ?? (node.parent?.type === "redirected_statement" ? inputRedirect(node.parent) : null);
  if (readsStdin && input) {
    // bash <<< "$(…)" and python3 <<EOF: a here-string or here-document run as code.
    ops.add("dynamic_code", null, `${command.name} <<`, node, `a here-document or here-string is run by ${command.name}`);
    if (containsDecoder(input)) ops.add("obfuscation", null, `${command.name} <<`, node, "decoded text (base64, hex, rot13) is run as code");
    return;
  }
  classifyCommand(ops, command, node);
  const runsStrings = command.name === "eval" || command.name === "source" || command.name === "." || command.name === null || (command.name !== null && SHELLS.has(command.name) && command.values.includes("-c"));
  if (runsStrings && [command.nameNode, ...command.args].some(containsDecoder)) {
    ops.add("obfuscation", null, command.name ?? "$(…)", node, "decoded text (base64, hex, rot13) is run as code");
  }
}

function stagesOf(pipeline: Node): Node[] {
  return named(pipeline).map((stage) => (stage.type === "redirected_statement" ? stage.childForFieldName("body")! : stage)).filter((stage) => stage.type === "command");
}

function isPipedInto(command: Node): boolean {
  const parent = command.parent?.type === "redirected_statement" ? command.parent.parent : command.parent;
  if (parent?.type !== "pipeline") return false;
  const stages = stagesOf(parent);
  return stages.length > 1 && stages[stages.length - 1]!.id === command.id;
}

function visitPipeline(ops: OperationList, pipeline: Node, vars: Variables): void {
  const stages = stagesOf(pipeline);
  const last = stages[stages.length - 1];
  if (!last || stages.length < 2) return;
  const shell = simpleCommand(last, vars);
  if (!shell.name || !INTERPRETERS.has(shell.name) || operands(shell.values).length > 0 || shell.values.includes("-c")) return;
  ops.add("dynamic_code", null, `| ${shell.name}`, pipeline, `text piped into ${shell.name} is run as code`);
  if (stages.slice(0, -1).some((stage) => isDecoder(simpleCommand(stage)))) {
    ops.add("obfuscation", null, `| ${shell.name}`, pipeline, `decoded text (base64, hex, rot13) is piped into ${shell.name}`);
  }
}

function inputRedirect(statement: Node): Node | null {
  return named(statement).find((child) => child.type === "herestring_redirect" || child.type === "heredoc_redirect") ?? null;
}

function firstCommand(node: Node): Node | null {
  for (const inner of walk(node)) if (inner.type === "command") return inner;
  return null;
}

function containsDecoder(node: Node): boolean {
  for (const inner of walk(node)) {
    if (inner.type === "pipeline" && stagesOf(inner).some((stage) => isDecoder(simpleCommand(stage)))) return true;
  }
  return false;
}

function visitRedirect(ops: OperationList, node: Node, vars: Variables): void {
  const operator = tokens(node).find((child) => !child.isNamed)?.text ?? "";
  const destination = node.childForFieldName("destination");
  if (operator.includes("&") && destination?.type === "number") return; // 2>&1 duplicates a descriptor
  const path = wordValue(destination, vars);
  if (path !== null && HARMLESS_DESTINATIONS.test(path)) return;
  if (operator === "<") ops.add("file_read", path, "<", node);
  else if (operator.includes(">")) ops.add("file_write", path, operator, node);
}
