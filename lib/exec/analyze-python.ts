// Python: imports and their aliases, then every call, environment lookup and builtins trick,
// resolved to canonical names through the module's scope (see python-scope.ts).
import { OperationList } from "./operation-list";
import { classifyCall, DATA_WRITERS, decodesData, opensForWrite } from "./python-calls";
import { positionalArgs, PythonScope } from "./python-scope";
import { captures, fieldChildren, type Node, walk } from "./syntax-tree";

// Objects whose methods act like their module's functions: s = requests.Session(); s.get(url).
const SESSION_CONSTRUCTORS: Record<string, string> = { "requests.Session": "requests", "httpx.Client": "httpx", "httpx.AsyncClient": "httpx", "socket.socket": "socket.socket" };
const PATH_READS = new Set(["read_text", "read_bytes", "iterdir", "glob", "rglob"]);
const PATH_WRITES = new Set(["write_text", "write_bytes", "unlink", "rmdir", "mkdir", "touch", "rename", "replace", "chmod", "symlink_to", "hardlink_to"]);

// Every place a name is bound. A name bound more than once is never treated as a constant or a
// literal path: `p = "/etc/passwd"` then `if x: p = "data/a"` must not make open(p) look safe.
const BINDINGS = `
  (assignment left: (identifier) @b) (augmented_assignment left: (identifier) @b)
  (for_statement left: (identifier) @b) (for_in_clause left: (identifier) @b)
  (named_expression name: (identifier) @b) (as_pattern_target (identifier) @b)
  (parameters (identifier) @b) (lambda_parameters (identifier) @b) (typed_parameter (identifier) @b)
  (default_parameter name: (identifier) @b) (typed_default_parameter name: (identifier) @b)
  (pattern_list (identifier) @b) (tuple_pattern (identifier) @b) (list_pattern (identifier) @b)
  (global_statement (identifier) @b)`;

function namesBoundMoreThanOnce(root: Node): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const name of captures(root, BINDINGS)) (seen.has(name.text) ? repeated : seen).add(name.text);
  return repeated;
}

export function extractPython(root: Node): OperationList {
  const ops = new OperationList();
  const scope = new PythonScope(namesBoundMoreThanOnce(root));
  for (const name of captures(root, "(function_definition name: (identifier) @name) (class_definition name: (identifier) @name)")) scope.shadow(name.text);
  for (const node of walk(root)) {
    if (ops.full) break;
    switch (node.type) {
      case "import_statement":
      case "import_from_statement":
        recordImport(scope, ops, node);
        break;
      case "assignment":
        bind(scope, node.childForFieldName("left"), node.childForFieldName("right"));
        break;
      case "as_pattern":
        bind(scope, node.childForFieldName("alias")?.namedChild(0) ?? null, node.namedChild(0));
        break;
      case "call":
        visitCall(scope, ops, node);
        break;
      case "subscript":
        visitSubscript(scope, ops, node);
        break;
      case "identifier":
      case "attribute":
        if (scope.qualify(node) === "os.environ" && isExpression(node)) visitEnviron(scope, ops, node);
        break;
    }
  }
  return ops;
}

function recordImport(scope: PythonScope, ops: OperationList, node: Node): void {
  if (node.type === "import_statement") {
    for (const item of fieldChildren(node, "name")) {
      const dotted = item.type === "aliased_import" ? item.childForFieldName("name")!.text : item.text;
      const alias = item.type === "aliased_import" ? item.childForFieldName("alias")!.text : null;
      // `import os.path` binds `os`; `import os.path as p` binds p to os.path.
      if (alias) scope.bindModule(alias, dotted);
      else scope.bindModule(dotted.split(".")[0]!, dotted.split(".")[0]!);
      ops.add("import", dotted, "import", item);
    }
    return;
  }
  const moduleName = node.childForFieldName("module_name")!.text;
  ops.add("import", moduleName, "from import", node);
  for (const item of fieldChildren(node, "name")) {
    const name = item.type === "aliased_import" ? item.childForFieldName("name")!.text : item.text;
    const alias = item.type === "aliased_import" ? item.childForFieldName("alias")!.text : name;
    scope.bindModule(alias, `${moduleName}.${name}`);
  }
}

function bind(scope: PythonScope, left: Node | null, right: Node | null): void {
  if (left?.type !== "identifier" || !right) return;
  const name = left.text;
  const constant = scope.constant(right);
  const qualified = scope.qualify(right); // a module, a module's member, or __import__("os")
  const session = right.type === "call" ? SESSION_CONSTRUCTORS[scope.qualify(right.childForFieldName("function")) ?? ""] : undefined;
  const path = scope.path(right);
  const decoded = decodesData(scope, right);
  scope.rebind(name);
  if (constant) scope.setConstant(name, constant);
  if (qualified) scope.bindModule(name, qualified);
  if (session) scope.bindModule(name, session);
  if (path !== undefined) scope.setPath(name, path);
  if (decoded) scope.decoded.add(name);
}

function visitCall(scope: PythonScope, ops: OperationList, call: Node): void {
  const fn = call.childForFieldName("function")!;
  const name = scope.qualify(fn);
  if (name === "getattr") return visitGetattr(scope, ops, call);
  if (name) return classifyCall(scope, ops, call, name);
  if (fn.type !== "attribute") return;
  const method = fn.childForFieldName("attribute")!.text;
  const path = scope.path(fn.childForFieldName("object"));
  if (path !== undefined) {
    if (PATH_READS.has(method)) ops.add("file_read", path, `Path.${method}`, call);
    else if (PATH_WRITES.has(method)) ops.add("file_write", path, `Path.${method}`, call);
    else if (method === "open") ops.add(opensForWrite(scope, call, 0) ? "file_write" : "file_read", path, "Path.open", call);
    return;
  }
  // df.to_csv("out/x.csv"): writing a data frame is a file write whatever the frame's name.
  const destination = positionalArgs(call)[0];
  if (DATA_WRITERS.test(method) && destination && !["None", "none"].includes(destination.type)) {
    ops.add("file_write", scope.constant(destination)?.value ?? null, `.${method}`, call);
  }
}

function visitGetattr(scope: PythonScope, ops: OperationList, call: Node): void {
  const [object, attribute] = positionalArgs(call);
  if (!object || !attribute) return;
  const owner = scope.qualify(object);
  if (!owner) return; // getattr on an ordinary object (config, a model) is not hiding anything
  const name = scope.constant(attribute);
  const onBuiltins = owner === "__builtins__" || owner === "builtins";
  if (!name || name.built || onBuiltins) {
    ops.add("obfuscation", name?.value ?? null, "getattr", call, `getattr looks up ${name ? `"${name.value}"` : "a computed name"} on ${onBuiltins ? "the builtins" : owner} to hide the call`);
  }
}

function visitSubscript(scope: PythonScope, ops: OperationList, node: Node): void {
  const value = node.childForFieldName("value")!;
  const key = scope.constant(node.childForFieldName("subscript"));
  const namespaceCall = value.type === "call" && ["globals", "vars", "locals"].includes(scope.qualify(value.childForFieldName("function")) ?? "");
  const moduleDict = value.type === "attribute" && value.childForFieldName("attribute")!.text === "__dict__" && scope.qualify(value.childForFieldName("object")) !== null;
  const builtins = scope.qualify(value) === "__builtins__";
  const modules = scope.qualify(value) === "sys.modules" && (!key || key.built);
  if (namespaceCall || moduleDict || builtins || modules) {
    ops.add("obfuscation", key?.value ?? null, value.text.slice(0, 40), node, `a namespace lookup (${value.text.slice(0, 40)}[…]) reaches ${key ? `"${key.value}"` : "a computed name"} indirectly`);
  }
}

function visitEnviron(scope: PythonScope, ops: OperationList, node: Node): void {
  const parent = node.parent;
  if (parent?.type === "attribute" && parent.childForFieldName("object")?.id === node.id) {
    const method = parent.childForFieldName("attribute")!.text;
    if (["get", "setdefault", "pop"].includes(method) && parent.parent?.type === "call") return; // classifyCall has it
  }
  if (parent?.type === "subscript" && parent.childForFieldName("value")?.id === node.id) {
    return ops.add("env", scope.constant(parent.childForFieldName("subscript"))?.value ?? null, "os.environ", parent);
  }
  ops.add("env", null, "os.environ", node);
}

/** An identifier used as a value, not the name in `x.name`, `f(name=…)` or `def name`. */
function isExpression(node: Node): boolean {
  const parent = node.parent;
  if (!parent || node.type !== "identifier") return true;
  if (parent.type === "attribute") return parent.childForFieldName("attribute")?.id !== node.id;
  if (parent.type === "keyword_argument") return parent.childForFieldName("name")?.id !== node.id;
  return !["function_definition", "class_definition", "parameters", "dotted_name", "aliased_import"].includes(parent.type);
}
