// JavaScript: require/import (static and dynamic) and their bindings, then every call, `new`,
// process.env access and computed lookup on globals, resolved to canonical names.
import { classifyCall, decodesData } from "./javascript-calls";
import { canonicalModule, isRequire, JavaScriptScope } from "./javascript-scope";
import { OperationList } from "./operation-list";
import { captures, named, type Node, walk } from "./syntax-tree";

const COMPUTED_LOOKUP_OWNERS = new Set(["globalThis", "global", "window", "self", "require", "process"]);

export function extractJavaScript(root: Node): OperationList {
  const ops = new OperationList();
  const scope = new JavaScriptScope();
  for (const name of captures(root, "(function_declaration name: (identifier) @name) (class_declaration name: (identifier) @name)")) scope.rebind(name.text);
  for (const node of walk(root)) {
    if (ops.full) break;
    switch (node.type) {
      case "import_statement":
        visitImport(scope, ops, node);
        break;
      case "variable_declarator":
      case "assignment_expression":
        if (node.type === "variable_declarator") bind(scope, ops, node.childForFieldName("name"), node.childForFieldName("value"), isConstDeclaration(node));
        else bind(scope, ops, node.childForFieldName("left"), node.childForFieldName("right"), false);
        break;
      case "call_expression":
      case "new_expression":
        visitCall(scope, ops, node);
        break;
      case "subscript_expression":
        visitSubscript(scope, ops, node);
        break;
      case "member_expression":
        if (scope.qualify(node) === "process.env") visitEnv(scope, ops, node);
        break;
    }
  }
  return ops;
}

function visitImport(scope: JavaScriptScope, ops: OperationList, node: Node): void {
  const source = scope.constant(node.childForFieldName("source"));
  if (!source) return;
  const moduleName = canonicalModule(source.value);
  ops.add("import", moduleName, "import", node);
  const clause = named(node).find((child) => child.type === "import_clause");
  for (const part of named(clause)) {
    if (part.type === "identifier") scope.bind(part.text, moduleName);
    else if (part.type === "namespace_import") scope.bind(part.namedChild(0)!.text, moduleName);
    else if (part.type === "named_imports") {
      for (const specifier of named(part).filter((child) => child.type === "import_specifier")) {
        const name = specifier.childForFieldName("name")!.text;
        scope.bind(specifier.childForFieldName("alias")?.text ?? name, name === "default" ? moduleName : `${moduleName}.${name}`);
      }
    }
  }
}

/** const x = …: the only declarations whose string value is known wherever x is used. */
function isConstDeclaration(declarator: Node): boolean {
  return declarator.parent?.type === "lexical_declaration" && declarator.parent.childForFieldName("kind")?.text === "const";
}

function bind(scope: JavaScriptScope, ops: OperationList, left: Node | null, right: Node | null, constant: boolean): void {
  if (!left || !right) return;
  const qualified = scope.qualify(right);
  if (left.type === "object_pattern") {
    // const { exec, spawn: run } = require("child_process") — and const { TOKEN } = process.env.
    for (const property of named(left)) {
      const key = property.type === "pair_pattern" ? property.childForFieldName("key")!.text : property.text;
      const local = property.type === "pair_pattern" ? property.childForFieldName("value")!.text : property.text;
      if (qualified === "process.env") ops.add("env", key, "process.env", property);
      else if (qualified) scope.bind(local, `${qualified}.${key}`);
      else scope.rebind(local);
    }
    return;
  }
  if (left.type !== "identifier") return;
  const value = constant ? scope.constant(right) : null;
  const decoded = decodesData(scope, right);
  scope.rebind(left.text);
  if (value) scope.setConstant(left.text, value);
  if (qualified) scope.bind(left.text, qualified);
  if (decoded) scope.decoded.add(left.text);
}

function visitCall(scope: JavaScriptScope, ops: OperationList, call: Node): void {
  const fn = call.childForFieldName(call.type === "new_expression" ? "constructor" : "function");
  const first = call.childForFieldName("arguments")?.namedChild(0) ?? null;
  if (fn?.type === "import" || (call.type === "call_expression" && isRequire(scope.qualify(fn)))) {
    const moduleName = scope.constant(first);
    const target = moduleName ? canonicalModule(moduleName.value) : null;
    ops.add("import", target, fn?.type === "import" ? "import()" : "require", call);
    if (!moduleName || moduleName.built) ops.add("obfuscation", target, fn?.type === "import" ? "import()" : "require", call, `a module whose name is ${moduleName ? "assembled at run time" : "computed"} is loaded`);
    return;
  }
  const name = scope.qualify(fn);
  if (name) return classifyCall(scope, ops, call, name);
  // x.constructor.constructor("code") is Function reached without naming it: a classic escape.
  if (fn?.type === "member_expression" && fn.childForFieldName("property")!.text === "constructor" && fn.childForFieldName("object")?.childForFieldName("property")?.text === "constructor") {
    ops.add("dynamic_code", null, "constructor.constructor", call);
    ops.add("obfuscation", null, "constructor.constructor", call, "Function is reached through .constructor.constructor to build code unseen");
  }
}

function visitSubscript(scope: JavaScriptScope, ops: OperationList, node: Node): void {
  const owner = scope.qualify(node.childForFieldName("object"));
  const index = node.childForFieldName("index")!;
  if (owner === "process.env") return ops.add("env", scope.constant(index)?.value ?? null, "process.env", node);
  if (!owner || !(COMPUTED_LOOKUP_OWNERS.has(owner) || scope.isModule(owner))) return;
  const key = scope.constant(index);
  if (key && !key.built) return; // globalThis["fetch"]: odd but not hidden
  ops.add("obfuscation", key?.value ?? null, `${owner}[…]`, node, `${owner} is indexed with ${key ? `"${key.value}" assembled at run time` : "a computed name"} to hide what is called`);
}

function visitEnv(scope: JavaScriptScope, ops: OperationList, node: Node): void {
  const parent = node.parent;
  if (parent?.type === "subscript_expression" && parent.childForFieldName("object")?.id === node.id) return; // visitSubscript has it
  if (parent?.type === "variable_declarator" && parent.childForFieldName("name")?.type === "object_pattern") return; // bind has it
  if (parent?.type === "member_expression" && parent.childForFieldName("object")?.id === node.id) {
    return ops.add("env", parent.childForFieldName("property")!.text, "process.env", parent);
  }
  ops.add("env", null, "process.env", node);
}
