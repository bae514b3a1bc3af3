// What one bash command does. Shell builtins and text utilities that touch no file are nothing;
// utilities reading or changing files are file operations on their operands; network clients are
// network operations on their host; shells and eval running strings are dynamic code; any other
// program is a process named after it.
import { hasOption, operands, type SimpleCommand } from "./bash-words";
import { urlHost, type OperationList } from "./operation-list";
import type { Node } from "./syntax-tree";

const BENIGN = new Set(["echo", "printf", "cd", "pwd", "export", "local", "declare", "readonly", "typeset", "set", "unset", "read", "test", "[", "[[", "true", "false", "exit", "return", "shift", "let", "sleep", "date", "basename", "dirname", "seq", "expr", "wait", "trap", "type", "hash", "alias", "unalias", "shopt", "getopts", "umask", "ulimit", ":", "which", "tr", "rev", "mktemp", "break", "continue", "realpath", "readlink", "id", "whoami", "uname", "hostname", "nproc", "yes", "tput", "clear",
  // Reserved words only parse as commands in broken scripts (tree-sitter's error recovery).
  "fi", "then", "else", "elif", "done", "do", "esac", "in", "}"]);
const READERS = new Set(["cat", "head", "tail", "less", "more", "wc", "sort", "uniq", "cut", "nl", "tac", "od", "xxd", "base64", "md5sum", "sha1sum", "sha256sum", "stat", "file", "diff", "cmp", "strings", "column", "paste", "comm", "zcat", "source-highlight", "ls", "find", "du", "tree"]);
const PATTERN_FIRST = new Set(["grep", "egrep", "fgrep", "rg", "awk", "sed", "jq"]);
const WRITERS = new Set(["rm", "rmdir", "mv", "tee", "touch", "mkdir", "ln", "truncate", "shred", "unlink", "install", "zip", "unzip", "gzip", "gunzip"]);
const MODE_FIRST = new Set(["chmod", "chown", "chgrp"]);
const NETWORK = new Set(["curl", "wget", "nc", "ncat", "netcat", "telnet", "ssh", "scp", "sftp", "rsync", "ftp", "ping", "dig", "nslookup", "host", "whois", "socat"]);
export const SHELLS = new Set(["bash", "sh", "zsh", "dash", "ksh", "fish"]);
export const INTERPRETERS = new Set([...SHELLS, "python", "python3", "node", "perl", "ruby", "php"]);
const VALUE_OPTIONS: Record<string, string[]> = {
  head: ["-n", "-c"], tail: ["-n", "-c"], cut: ["-d", "-f", "-c", "-b"], sort: ["-k", "-t", "-o", "-S"], grep: ["-e", "-f", "-m", "-A", "-B", "-C"],
  awk: ["-F", "-v", "-f"], sed: ["-e", "-f"], jq: ["--arg", "--argjson"], find: ["-name", "-type", "-maxdepth", "-mindepth", "-newer", "-mtime", "-size", "-iname", "-path"],
  curl: ["-H", "-d", "-X", "-u", "-A", "-e", "-o", "-F", "-T", "-b", "-c", "-w", "-m", "-x", "--data", "--data-raw", "--data-binary", "--header", "--output", "--request", "--user", "--max-time", "--connect-timeout", "-K", "--retry"],
  wget: ["-O", "-P", "-o", "-U", "--header", "-T", "-t"], ssh: ["-i", "-p", "-l", "-o", "-F", "-L", "-R", "-D"], scp: ["-i", "-P", "-o", "-F"], nc: ["-w", "-p", "-s"], tar: ["-f", "-C"], install: ["-m", "-o", "-g"],
};
// Names that hold secrets by convention; AUTH and KEY only as whole words (not $AUTHOR, $MONKEY).
const SENSITIVE = /(SECRET|TOKEN|PASSW|API_?KEY|PRIVATE|CREDENTIAL|COOKIE|^AWS_|(^|_)(AUTH|KEY)(_|$))/i;

export function isSensitiveVariable(name: string): boolean {
  return SENSITIVE.test(name);
}

/** A pipeline stage that turns encoded text back into code: base64 -d, xxd -r, rot13 via tr, gunzip… */
export function isDecoder(command: SimpleCommand): boolean {
  const { name, values } = command;
  if (name === "base64") return hasOption(values, "-d", "-D", "--decode");
  if (name === "xxd") return hasOption(values, "-r");
  if (name === "openssl") return hasOption(values, "-d", "-base64", "base64");
  if (name === "tr") return values.some((value) => value?.includes("N-Z") || value?.includes("n-z"));
  if (name === "printf" || name === "echo") return values.some((value) => value !== null && /\\(x[0-9a-f]{2}|[0-7]{3})/i.test(value));
  return name === "gunzip" || name === "zcat" || name === "rev" || name === "uudecode";
}

function hostOf(tool: string, values: (string | null)[]): string | null {
  const url = values.find((value) => value?.includes("://"));
  if (url) return urlHost(url);
  const remote = values.find((value) => value !== null && !value.startsWith("-") && /^([\w.-]+@)?[\w.-]+:/.test(value));
  if (remote && (tool === "scp" || tool === "rsync")) return remote.replace(/^[\w.-]+@/, "").split(":")[0]!;
  const first = operands(values, VALUE_OPTIONS[tool]).find((value) => value === null || !/^\d+$/.test(value));
  if (first === undefined || first === null) return null;
  return first.replace(/^[\w.-]+@/, "").split(/[/:]/)[0]! || null;
}

export function classifyCommand(ops: OperationList, command: SimpleCommand, at: Node): void {
  const { values } = command;
  // /bin/rm is rm; the process keeps the path as written.
  const name = command.name?.replace(/^.*\//, "") ?? null;
  if (command.wrappers.includes("sudo")) ops.add("process", "sudo", "sudo", at);
  if (name === null) return ops.add("process", null, command.nameNode.text.slice(0, 40), at, "a command whose name is computed at run time starts a process");
  if (name === "eval" || name === "source" || name === ".") return ops.add("dynamic_code", name === "eval" ? null : values[0] ?? null, name, at);
  if (INTERPRETERS.has(name) && hasOption(values, "-c", "-e")) return ops.add("dynamic_code", name, `${name} -c`, at, `${name} runs a string as code`);
  if (name === "env" || name === "printenv") return ops.add("env", values.find((value) => value && !value.startsWith("-")) ?? null, name, at, `${name} prints the environment`);
  if (BENIGN.has(name)) return;
  if (name === "tar") return tarOps(ops, values, at);
  if (name === "find") findActions(ops, values, at);
  if (READERS.has(name)) return fileOps(ops, "file_read", name, operands(values, VALUE_OPTIONS[name]).filter(notCount), at, ["ls", "find", "du", "tree"].includes(name) ? "." : null);
  if (PATTERN_FIRST.has(name)) {
    const files = operands(values, VALUE_OPTIONS[name]).slice(hasOption(values, "-e", "-f") ? 0 : 1);
    return fileOps(ops, name === "sed" && hasOption(values, "-i") ? "file_write" : "file_read", name, files, at);
  }
  if (name === "cp") {
    const paths = operands(values);
    fileOps(ops, "file_read", name, paths.slice(0, -1), at);
    return fileOps(ops, "file_write", name, paths.slice(-1), at);
  }
  if (name === "dd") {
    for (const value of values) {
      if (value?.startsWith("if=")) ops.add("file_read", value.slice(3), name, at);
      if (value?.startsWith("of=")) ops.add("file_write", value.slice(3), name, at);
    }
    return;
  }
  if (WRITERS.has(name)) return fileOps(ops, "file_write", name, operands(values, VALUE_OPTIONS[name]), at);
  if (MODE_FIRST.has(name)) return fileOps(ops, "file_write", name, operands(values).slice(1), at);
  if (NETWORK.has(name)) return networkOps(ops, name, values, at);
  ops.add("process", command.name, command.name!, at);
}

// tar -czf out/a.tgz data/ reads data/ and writes the archive; tar -xzf a.tgz -C dir the reverse.
function tarOps(ops: OperationList, values: (string | null)[], at: Node): void {
  const flags = values.find((value) => value !== null && /^-?[a-zA-Z]+$/.test(value)) ?? "";
  const archiveAt = values.findIndex((value) => value !== null && /^-?[a-zA-Z]*f$/.test(value));
  const archive = archiveAt >= 0 ? (values[archiveAt + 1] ?? null) : null;
  const others = values.filter((value, i) => i !== archiveAt && i !== archiveAt + 1 && !(value ?? "").startsWith("-") && value !== flags);
  const creates = /c|r|u/.test(flags.replace(/^-/, ""));
  ops.add(creates ? "file_write" : "file_read", archive, "tar", at);
  if (creates) return fileOps(ops, "file_read", "tar", others, at);
  const into = values.indexOf("-C");
  if (/x/.test(flags)) ops.add("file_write", into >= 0 ? (values[into + 1] ?? null) : ".", "tar", at);
}

// find … -delete removes what it finds; find … -exec cmd {} \; runs cmd on it.
function findActions(ops: OperationList, values: (string | null)[], at: Node): void {
  const start = operands(values, VALUE_OPTIONS.find);
  if (values.includes("-delete")) ops.add("file_write", start.length ? start[0]! : ".", "find -delete", at);
  values.forEach((value, i) => {
    if (value === "-exec" || value === "-execdir") ops.add("process", values[i + 1] ?? null, `find ${value}`, at);
  });
}

function notCount(value: string | null): boolean {
  return value === null || !/^\d+$/.test(value);
}

function fileOps(ops: OperationList, kind: "file_read" | "file_write", call: string, paths: (string | null)[], at: Node, fallback: string | null = null): void {
  if (paths.length === 0 && fallback) return ops.add(kind, fallback, call, at);
  for (const path of paths) if (path !== "-") ops.add(kind, path, call, at);
}

function networkOps(ops: OperationList, name: string, values: (string | null)[], at: Node): void {
  ops.add("network", hostOf(name, values), name, at);
  // scp/rsync copy local operands (those without host:) to the remote side.
  if (name === "scp" || name === "rsync") fileOps(ops, "file_read", name, operands(values, VALUE_OPTIONS[name]).filter((value) => value !== null && !/^([\w.-]+@)?[\w.-]+:/.test(value)), at);
  // curl -o file / wget -O file save what they fetch.
  const flag = name === "curl" ? ["-o", "--output"] : name === "wget" ? ["-O"] : [];
  const index = values.findIndex((value) => value !== null && flag.includes(value));
  if (index >= 0 && values[index + 1] !== "-") ops.add("file_write", values[index + 1] ?? null, name, at);
}

