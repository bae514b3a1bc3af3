// Bash: every command (looked through sudo/env/timeout wrappers), redirections, command
// substitutions, sensitive variable expansions, and pipelines that feed decoded text to a shell.
import { classifyCommand, isDecoder, isSensitiveVariable, SHELLS } from "./bash-commands";
import { operands, simpleCommand, wordValue } from "./bash-words";
import { OperationList } from "./operation-list";
import { named, type Node, tokens, walk } from "./syntax-tree";

const HARMLESS_DESTINATIONS = /^\/dev\/(null|stdout|stderr|fd\/\d+|tty)$/;

export function extractBash(root: Node): OperationList {
  const ops = new OperationList();
  const functions = new Set<string>();
  for (const node of walk(root)) {
    if (node.type === "function_definition") functions.add(node.childForFieldName("name")!.text);
  }
  for (const node of walk(root)) {
    if (ops.full) break;
    switch (node.type) {
      case "command":
        visitCommand(ops, functions, node);
        break;
      case "pipeline":
        visitPipeline(ops, node);
        break;
      case "command_substitution":
      case "process_substitution": {
        const inner = firstCommand(node);
        const name = inner ? simpleCommand(inner).name : null;
        ops.add("process", name, node.type === "command_substitution" ? (node.text.startsWith("`") ? "`…`" : "$(…)") : "<(…)", node, `a ${node.type.replace("_", " ")} runs ${name ?? "a command"} in a subshell`);
        break;
      }
      case "file_redirect":
        visitRedirect(ops, node);
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

function visitCommand(ops: OperationList, functions: Set<string>, node: Node): void {
  const command = simpleCommand(node);
  if (command.name && functions.has(command.name)) return; // the script's own function
  if (command.name && SHELLS.has(command.name) && operands(command.values).length === 0 && isPipedInto(node)) return; // visitPipeline has it
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

function visitPipeline(ops: OperationList, pipeline: Node): void {
  const stages = stagesOf(pipeline);
  const last = stages[stages.length - 1];
  if (!last || stages.length < 2) return;
  const shell = simpleCommand(last);
  if (!shell.name || !SHELLS.has(shell.name) || operands(shell.values).length > 0) return;
  ops.add("dynamic_code", null, `| ${shell.name}`, pipeline, `text piped into ${shell.name} is run as code`);
  if (stages.slice(0, -1).some((stage) => isDecoder(simpleCommand(stage)))) {
    ops.add("obfuscation", null, `| ${shell.name}`, pipeline, `decoded text (base64, hex, rot13) is piped into ${shell.name}`);
  }
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

function visitRedirect(ops: OperationList, node: Node): void {
  const operator = tokens(node).find((child) => !child.isNamed)?.text ?? "";
  const destination = node.childForFieldName("destination");
  if (operator.includes("&") && destination?.type === "number") return; // 2>&1 duplicates a descriptor
  const path = wordValue(destination);
  if (path !== null && HARMLESS_DESTINATIONS.test(path)) return;
  if (operator === "<") ops.add("file_read", path, "<", node);
  else if (operator.includes(">")) ops.add("file_write", path, operator, node);
}
