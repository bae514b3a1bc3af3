// Python for the SDK's and examples' tests: a fresh virtual environment in a temporary directory
// with sdk/python installed by pip from the source tree, offline (--no-index), which proves the
// in-tree build backend produces an installable wheel without PyPI.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { collect, ROOT, type RunResult } from "./processes";

export const PYTHON = process.env.PYTHON ?? "python3";

export function run(command: string, args: string[], env: Record<string, string> = {}, cwd = ROOT): Promise<RunResult> {
  const child = spawn(command, args, { cwd, env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  return collect(child);
}

const describeRun = (what: string, result: RunResult) => `${what} exited ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;

/** Creates the venv and installs the SDK; returns its python and a cleanup. */
export async function venvWithSdk(): Promise<{ python: string; dir: string; remove: () => void }> {
  const dir = mkdtempSync(path.join(tmpdir(), "warden-py-"));
  const created = await run(PYTHON, ["-m", "venv", dir]);
  if (created.code !== 0) throw new Error(describeRun("python3 -m venv (on Debian: apt-get install python3-venv)", created));
  const python = path.join(dir, "bin", "python");
  const installed = await run(python, ["-m", "pip", "install", "--no-index", "--disable-pip-version-check", path.join(ROOT, "sdk", "python")]);
  if (installed.code !== 0) throw new Error(describeRun("pip install --no-index sdk/python", installed));
  return { python, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export { describeRun };
