// What a JavaScript call does, from its canonical name ("child_process.exec", "fs.readFileSync").
import type { JavaScriptScope } from "./javascript-scope";
import { urlHost, type OperationList } from "./operation-list";
import { named, type Node } from "./syntax-tree";

const PROCESS = /^child_process\.(exec|execSync|execFile|execFileSync|spawn|spawnSync|fork)$/;
const FS_READS = /^fs\.(readFile|readFileSync|createReadStream|readdir|readdirSync|opendir|opendirSync|readlink|readlinkSync)$/;
const FS_WRITES = /^fs\.(writeFile|writeFileSync|appendFile|appendFileSync|unlink|unlinkSync|rm|rmSync|rmdir|rmdirSync|mkdir|mkdirSync|createWriteStream|chmod|chmodSync|truncate|truncateSync|mkdtemp|mkdtempSync)$/;
const FS_MOVES = /^fs\.(rename|renameSync|symlink|symlinkSync|link|linkSync)$/;
const FS_COPIES = /^fs\.(copyFile|copyFileSync|cp|cpSync)$/;
const URL_CLIENTS = /^(fetch|node-fetch|axios|got|undici\.(fetch|request)|(axios|got)\.(get|post|put|delete|patch|head|request)|https?\.(get|request)|WebSocket|ws)$/;
const SOCKETS = /^(net|tls)\.(connect|createConnection)$/;
const DYNAMIC = /^(eval|Function|vm\.(runInNewContext|runInThisContext|runInContext|compileFunction|Script))$/;
const DECODERS = /^(Buffer\.from|atob|String\.fromCharCode|zlib\.\w*(inflate|unzip|gunzip)\w*)$/;

/** True when an expression decodes data (Buffer.from(…, "base64"), atob, fromCharCode) or holds decoded data. */
export function decodesData(scope: JavaScriptScope, node: Node): boolean {
  if (node.type === "identifier" && scope.decoded.has(node.text)) return true;
  if (node.type === "call_expression" || node.type === "new_expression") {
    const name = scope.qualify(node.childForFieldName("function") ?? node.childForFieldName("constructor"));
    const args = named(node.childForFieldName("arguments"));
    if (name === "Buffer.from" ? args.some((arg) => /^(base64|hex|base64url)$/.test(scope.constant(arg)?.value ?? "")) : DECODERS.test(name ?? "")) return true;
  }
  return named(node).some((child) => decodesData(scope, child));
}

function hostOf(scope: JavaScriptScope, arg: Node | undefined): string | null {
  if (!arg) return null;
  const url = scope.constant(arg);
  if (url) return urlHost(url.value);
  if (arg.type === "new_expression" && ["URL", "Request"].includes(arg.childForFieldName("constructor")?.text ?? "")) {
    return hostOf(scope, arg.childForFieldName("arguments")?.namedChild(0) ?? undefined);
  }
  if (arg.type !== "object") return null;
  for (const pair of named(arg)) {
    if (pair.type !== "pair") continue;
    const key = pair.childForFieldName("key")!.text.replace(/^["']|["']$/g, "");
    const value = scope.constant(pair.childForFieldName("value"));
    if (!value) continue;
    if (key === "url") return urlHost(value.value);
    if (key === "host" || key === "hostname") return value.value;
  }
  return null;
}

export function classifyCall(scope: JavaScriptScope, ops: OperationList, call: Node, name: string): void {
  const args = named(call.childForFieldName("arguments"));
  const path = (i: number) => (args[i] ? (scope.constant(args[i]!)?.value ?? null) : null);
  if (PROCESS.test(name)) return ops.add("process", name, name, call);
  if (FS_READS.test(name)) return ops.add("file_read", path(0), name, call);
  if (FS_WRITES.test(name)) return ops.add("file_write", path(0), name, call);
  if (FS_MOVES.test(name)) {
    ops.add("file_write", path(0), name, call);
    return ops.add("file_write", path(1), name, call);
  }
  if (FS_COPIES.test(name)) {
    ops.add("file_read", path(0), name, call);
    return ops.add("file_write", path(1), name, call);
  }
  if (name === "fs.open" || name === "fs.openSync") {
    const flags = args[1] ? scope.constant(args[1])?.value : "r";
    return ops.add(flags === undefined || /[wa+]/.test(flags) ? "file_write" : "file_read", path(0), name, call);
  }
  if (URL_CLIENTS.test(name)) return ops.add("network", hostOf(scope, args[0] ?? undefined), name, call);
  if (SOCKETS.test(name)) {
    const host = args[0]?.type === "object" ? hostOf(scope, args[0]) : path(1);
    return ops.add("network", host ?? (args[0] && !args[1] && args[0].type !== "object" ? "localhost" : host), name, call);
  }
  if (name === "dgram.createSocket") return ops.add("network", null, name, call);
  if (DYNAMIC.test(name) || ((name === "setTimeout" || name === "setInterval") && args[0] && scope.constant(args[0]))) {
    ops.add("dynamic_code", null, name, call);
    if (args.some((arg) => decodesData(scope, arg))) ops.add("obfuscation", null, name, call, `${name} runs decoded (base64) data`);
  }
}
