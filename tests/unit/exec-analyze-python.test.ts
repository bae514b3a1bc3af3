// The Python extractor on the constructs that decide precision and recall: aliases, from-imports,
// literal versus computed targets, builtins tricks, and names that only look risky.
import { describe, expect, it } from "vitest";
import { analyzeCode } from "@/lib/exec/analyze-code";

async function ops(code: string) {
  return (await analyzeCode("python", code)).operations.map((op) => `${op.kind} ${op.target}`);
}

describe("Python analysis", () => {
  it("resolves a module alias: import os as o; o.system(...) starts the process os.system", async () => {
    expect(await ops("import os as o\no.system('ls')\n")).toEqual(["import os", "process os.system"]);
  });

  it("resolves an aliased from-import: from subprocess import run as r; r(...)", async () => {
    expect(await ops("from subprocess import run as r\nr(['ls'])\n")).toEqual(["import subprocess", "process subprocess.run"]);
  });

  it("imports a dotted module and binds its top-level name", async () => {
    expect(await ops("import urllib.request\nurllib.request.urlopen('https://pypi.org/simple')\n")).toEqual(["import urllib.request", "network pypi.org"]);
  });

  it("keeps relative imports as written", async () => {
    expect(await ops("from . import utils\nfrom ..core.models import User\n")).toEqual(["import .", "import ..core.models"]);
  });

  it("reads a file opened without a mode and writes one opened with w, a, x or +", async () => {
    expect(await ops("open('data/a')\nopen('out/b', 'a')\nopen('out/c', mode='r+')\nopen('data/d', 'rb')\n")).toEqual([
      "file_read data/a", "file_write out/b", "file_write out/c", "file_read data/d",
    ]);
  });

  it("gives a computed path, URL or variable a null target", async () => {
    expect(await ops("import os, requests\nopen(name)\nrequests.get(url)\nos.environ[key]\n")).toEqual([
      "import os", "import requests", "file_read null", "network null", "env null",
    ]);
  });

  it("follows pathlib paths through variables and the / operator", async () => {
    expect(await ops("from pathlib import Path\nbase = Path('out')\n(base / 'r.txt').write_text('x')\nPath('data', 'a.csv').read_text()\n")).toEqual([
      "import pathlib", "file_write out/r.txt", "file_read data/a.csv",
    ]);
  });

  it("passes pathlib paths given to open() and shutil as their literal path", async () => {
    expect(await ops("import shutil\nfrom pathlib import Path\nOUT = Path('out')\nopen(OUT / 'r.txt', 'w')\nshutil.copy(Path('data/a'), OUT / 'a')\n")).toEqual([
      "import shutil", "import pathlib", "file_write out/r.txt", "file_read data/a", "file_write out/a",
    ]);
  });

  it("reads environment variables through os.environ, os.getenv and environ.get", async () => {
    expect(await ops("import os\nfrom os import environ\nos.environ['A']\nos.getenv('B')\nenviron.get('C')\n")).toEqual([
      "import os", "import os", "env A", "env B", "env C",
    ]);
  });

  it("flags __import__ of a concatenated name as obfuscation and resolves the module", async () => {
    expect(await ops("m = __import__('o' + 's')\nm.system('id')\n")).toEqual(["import os", "dynamic_code os", "obfuscation os", "process os.system"]);
  });

  it("propagates a constant one step: x = 'json'; __import__(x) is dynamic but not obfuscated", async () => {
    expect(await ops("x = 'json'\n__import__(x)\n")).toEqual(["import json", "dynamic_code json"]);
  });

  it("does not trust a constant or path bound more than once: its value at the use is unknown", async () => {
    expect(await ops("p = '/etc/passwd'\nif ok:\n    p = 'data/a'\nopen(p)\nq = 'data/b'\nopen(q)\n")).toEqual(["file_read null", "file_read data/b"]);
  });

  it("flags getattr on the builtins and getattr with a built name on a module", async () => {
    expect(await ops("import os\ngetattr(__builtins__, 'eval')('1')\ngetattr(os, 'sys' + 'tem')('id')\n")).toEqual([
      "import os", "dynamic_code null", "obfuscation eval", "process os.system", "obfuscation system",
    ]);
  });

  it("does not flag getattr on an ordinary object", async () => {
    expect(await ops("value = getattr(config, 'timeout', 30)\n")).toEqual([]);
  });

  it("flags exec of base64-decoded data, directly or through a variable", async () => {
    expect(await ops("import base64\nexec(base64.b64decode('cHJpbnQoMSk='))\ncode = base64.b64decode(s)\nexec(code)\n")).toEqual([
      "import base64", "dynamic_code null", "obfuscation null", "dynamic_code null", "obfuscation null",
    ]);
  });

  it("flags a globals()/vars() lookup of a builtin", async () => {
    expect(await ops("globals()['__builtins__']\nvars(__builtins__)['exec']('1')\n")).toEqual([
      "obfuscation __builtins__", "dynamic_code null", "obfuscation exec",
    ]);
  });

  it("does not flag benign code: methods named like risky calls, local functions, re.compile, data frames", async () => {
    const code = [
      "import re, json", "import pandas as pd", "def system(x):", "    return x", "system('hi')",
      "pattern = re.compile(r'\\d+')", "df = pd.DataFrame({'a': [1]})", "df.open()", "cursor.execute('select 1')",
      "squares = [n * n for n in range(10)]", "json.dumps({'exec': 1})", "",
    ].join("\n");
    expect(await ops(code)).toEqual(["import re", "import json", "import pandas"]);
  });

  it("treats a local def named like a builtin as the local function", async () => {
    expect(await ops("def open(path):\n    return path\nopen('/etc/shadow')\n")).toEqual([]);
  });

  it("follows requests sessions and socket objects to their host", async () => {
    expect(await ops("import requests, socket\ns = requests.Session()\ns.get('https://a.io/x')\nc = socket.socket()\nc.connect(('10.1.2.3', 22))\n")).toEqual([
      "import requests", "import socket", "network a.io", "network 10.1.2.3",
    ]);
  });
});
