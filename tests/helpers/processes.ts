// Child processes for integration tests: TypeScript entry points run through tsx's loader,
// which is what `npx tsx <file>` does, but in one process: `tsx` itself runs the script in a
// grandchild, so a signal sent to the child would not reach the process under test.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TSX_LOADER = pathToFileURL(path.join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;

export type RunResult = { code: number | null; stdout: string; stderr: string };

export function spawnTsx(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawn(process.execPath, ["--import", TSX_LOADER, script, ...args], { cwd: ROOT, env, stdio: ["pipe", "pipe", "pipe"] });
}

/** Runs a TypeScript entry point to completion and collects its output. */
export function runTsx(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<RunResult> {
  const child = spawnTsx(script, args, env);
  child.stdin!.end();
  return collect(child);
}

export function collect(child: ChildProcess): Promise<RunResult> {
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Resolves with the first stdout line matching `pattern`; rejects if the child exits first. */
export function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = "";
    let stderr = "";
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const line = buffered.split("\n").find((l) => pattern.test(l));
      if (line !== undefined) {
        child.stdout!.off("data", onData);
        child.off("exit", onExit);
        resolve(line);
      }
    };
    const onStderr = (chunk: Buffer) => (stderr += chunk.toString("utf8"));
    const onExit = (code: number | null) => reject(new Error(`child exited with ${code} before printing ${pattern}:\n${stderr}`));
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onStderr);
    child.once("exit", onExit);
  });
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}
