// What a Python call does, from its canonical name ("subprocess.run", "os.environ.get", "open").
import { urlHost, type OperationList } from "./operation-list";
import { keywordArg, positionalArgs, type PythonScope } from "./python-scope";
import { named, type Node } from "./syntax-tree";

const PROCESS = /^(subprocess\.(run|call|check_call|check_output|Popen|getoutput|getstatusoutput)|os\.(system|popen|exec[lv]p?e?|spawn[lv]p?e?|posix_spawnp?|startfile)|pty\.spawn|commands\.\w+|asyncio\.create_subprocess_(exec|shell))$/;
const OS_WRITES = /^os\.(remove|unlink|rmdir|removedirs|mkdir|makedirs|rename|renames|replace|chmod|chown|truncate|symlink|link)$/;
const OS_READS = /^os\.(listdir|scandir|walk)$/;
const SHUTIL_COPIES = /^shutil\.(copy|copy2|copyfile|copytree)$/;
const SHUTIL_WRITES = /^shutil\.(move|rmtree|make_archive|chown)$/;
const FRAME_READS = /^(pandas|numpy)\.(read_\w+|load|loadtxt|genfromtxt|fromfile)$/;
const FRAME_WRITES = /^numpy\.(save|savez|savez_compressed|savetxt)$/;
const HTTP_VERBS = /^(requests|httpx)\.(get|post|put|delete|patch|head|options|stream)$/;
const HOST_CONNECTIONS = /^(http\.client\.HTTPS?Connection|ftplib\.FTP(_TLS)?|smtplib\.SMTP(_SSL)?|telnetlib\.Telnet|poplib\.POP3(_SSL)?|imaplib\.IMAP4(_SSL)?|socket\.gethostbyname)$/;
const DECODERS = /^(base64\.\w*decode\w*|codecs\.decode|zlib\.decompress|gzip\.decompress|bz2\.decompress|lzma\.decompress|binascii\.(unhexlify|a2b_\w+)|bytes\.fromhex|marshal\.loads|chr)$/;
/** Methods that save a frame or figure to the path they are given, whatever object they are called on. */
export const DATA_WRITERS = /^(to_(csv|json|parquet|excel|pickle|feather|hdf|html|xml)|savefig)$/;

/** True when a call, or any call inside an expression, decodes data (base64, rot13, zlib, chr). */
export function decodesData(scope: PythonScope, node: Node): boolean {
  if (node.type === "identifier" && scope.decoded.has(node.text)) return true;
  if (node.type === "call" && DECODERS.test(scope.qualify(node.childForFieldName("function")) ?? "")) return true;
  return named(node).some((child) => decodesData(scope, child));
}

/** A literal string or pathlib path argument (open(Path("out") / "r.txt", "w")), else null. */
function literal(scope: PythonScope, node: Node | null | undefined): string | null {
  return node ? (scope.constant(node)?.value ?? scope.path(node) ?? null) : null;
}

/** open()'s mode: a literal without w/a/x/+ reads; a computed mode may write. */
export function opensForWrite(scope: PythonScope, call: Node, modeIndex: number): boolean {
  const mode = positionalArgs(call)[modeIndex] ?? keywordArg(call, "mode");
  if (!mode) return false;
  const value = scope.constant(mode)?.value;
  return value === undefined || /[wax+]/.test(value);
}

export function classifyCall(scope: PythonScope, ops: OperationList, call: Node, name: string): void {
  const args = positionalArgs(call);
  const arg = (i: number, keyword?: string) => args[i] ?? (keyword ? keywordArg(call, keyword) : null);
  if (PROCESS.test(name)) return ops.add("process", name, name, call);
  if (name === "open" || name === "io.open" || name === "codecs.open") {
    return ops.add(opensForWrite(scope, call, 1) ? "file_write" : "file_read", literal(scope, arg(0, "file")), name, call);
  }
  if (OS_WRITES.test(name)) {
    ops.add("file_write", literal(scope, arg(0)), name, call);
    if (/rename|replace|link/.test(name)) ops.add("file_write", literal(scope, arg(1)), name, call);
    return;
  }
  if (OS_READS.test(name)) return ops.add("file_read", literal(scope, arg(0)) ?? (args.length ? null : "."), name, call);
  if (SHUTIL_COPIES.test(name)) {
    ops.add("file_read", literal(scope, arg(0)), name, call);
    return ops.add("file_write", literal(scope, arg(1)), name, call);
  }
  if (SHUTIL_WRITES.test(name)) return ops.add("file_write", literal(scope, arg(0)), name, call);
  if (FRAME_READS.test(name)) {
    const source = literal(scope, arg(0));
    const host = source ? urlHost(source) : null;
    return host ? ops.add("network", host, name, call) : ops.add("file_read", source, name, call);
  }
  if (name === "sqlite3.connect") {
    const database = literal(scope, arg(0, "database"));
    if (database === ":memory:") return;
    ops.add("file_read", database, name, call);
    return ops.add("file_write", database, name, call);
  }
  if (DATA_WRITERS.test(name.split(".").pop()!) && arg(0)) return ops.add("file_write", literal(scope, arg(0)), name, call);
  if (FRAME_WRITES.test(name)) return ops.add("file_write", literal(scope, arg(0)), name, call);
  if (HTTP_VERBS.test(name) || name === "urllib.request.urlopen" || name === "urllib.request.Request" || name === "urllib.request.urlretrieve") {
    const url = literal(scope, arg(0, "url"));
    ops.add("network", url ? urlHost(url) : null, name, call);
    if (name.endsWith("urlretrieve") && arg(1)) ops.add("file_write", literal(scope, arg(1)), name, call);
    return;
  }
  if (name === "requests.request" || name === "httpx.request") {
    const url = literal(scope, arg(1, "url"));
    return ops.add("network", url ? urlHost(url) : null, name, call);
  }
  if (HOST_CONNECTIONS.test(name)) return ops.add("network", literal(scope, arg(0, "host")), name, call);
  if (name === "socket.create_connection" || /^socket\.socket\.(connect|connect_ex|sendto)$/.test(name)) {
    const address = name.endsWith("sendto") ? arg(1) : arg(0);
    return ops.add("network", address?.type === "tuple" ? literal(scope, address.namedChild(0)) : null, name, call);
  }
  if (name === "os.getenv" || name === "os.environ.get" || name === "os.environ.setdefault" || name === "os.environ.pop" || name === "os.putenv") {
    return ops.add("env", literal(scope, arg(0)), name, call);
  }
  if (name === "keyring.get_password") return ops.add("env", literal(scope, arg(0)), name, call, `keyring.get_password reads the stored secret ${literal(scope, arg(0)) ?? "(computed)"}`);
  if (name === "eval" || name === "exec" || name === "compile" || name === "runpy.run_path" || name === "runpy.run_module") {
    ops.add("dynamic_code", null, name, call);
    if (args[0] && decodesData(scope, args[0])) ops.add("obfuscation", null, name, call, `${name} runs decoded (base64/rot13/compressed) data`);
    return;
  }
  if (name === "__import__" || name === "importlib.import_module") return dynamicImport(scope, ops, call, name, args[0]);
  // Native code loaded at run time can do anything (ctypes.CDLL("libc.so.6").system(...)).
  if (/^ctypes\.(CDLL|PyDLL|WinDLL|cdll\.LoadLibrary)$/.test(name)) return ops.add("dynamic_code", literal(scope, arg(0)), name, call, `${name} loads native code`);
}

function dynamicImport(scope: PythonScope, ops: OperationList, call: Node, name: string, arg: Node | undefined): void {
  const moduleName = arg ? scope.constant(arg) : null;
  ops.add("import", moduleName?.value ?? null, name, call);
  ops.add("dynamic_code", moduleName?.value ?? null, name, call);
  // A plain literal or a constant holding one only defers the import; anything else hides the name.
  if (!moduleName || moduleName.built) ops.add("obfuscation", moduleName?.value ?? null, name, call, `${name} imports a module whose name is ${moduleName ? "assembled at run time" : "computed"}`);
}
