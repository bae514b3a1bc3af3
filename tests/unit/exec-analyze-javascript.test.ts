// The JavaScript extractor: require/import bindings (node: prefixes, destructuring, fs/promises),
// calls resolved through them, process.env, and the computed lookups that hide a call.
import { describe, expect, it } from "vitest";
import { analyzeCode } from "@/lib/exec/analyze-code";

async function ops(code: string) {
  return (await analyzeCode("javascript", code)).operations.map((op) => `${op.kind} ${op.target}`);
}

describe("JavaScript analysis", () => {
  it("resolves destructured and renamed requires: const { exec: run } = require('node:child_process')", async () => {
    expect(await ops("const { exec: run } = require('node:child_process');\nrun('ls');\n")).toEqual(["import child_process", "process child_process.exec"]);
  });

  it("resolves default, namespace and named ES imports, with fs/promises as fs", async () => {
    expect(await ops("import cp from 'child_process';\nimport * as fs from 'node:fs';\nimport { writeFile as w } from 'fs/promises';\ncp.fork('w.js');\nfs.readFileSync('data/a');\nw('out/b', '');\n")).toEqual([
      "import child_process", "import fs", "import fs", "process child_process.fork", "file_read data/a", "file_write out/b",
    ]);
  });

  it("resolves calls on a require() expression itself", async () => {
    expect(await ops("require('fs').promises.unlink('/tmp/x');\n")).toEqual(["file_write /tmp/x", "import fs"]);
  });

  it("resolves path.join of literals to a path, and of __dirname to a computed one", async () => {
    expect(await ops("const path = require('node:path');\nconst fs = require('fs');\nfs.readFileSync(path.join('data', 'in.json'));\nfs.writeFileSync(path.join(__dirname, 'out.txt'), '');\n")).toEqual([
      "import path", "import fs", "file_read data/in.json", "file_write null",
    ]);
  });

  it("propagates const strings only: a let may be reassigned before its use", async () => {
    expect(await ops("const fs = require('fs');\nconst a = 'data/a';\nlet b = 'data/b';\nif (x) b = '/etc/passwd';\nfs.readFileSync(a);\nfs.readFileSync(b);\n")).toEqual([
      "import fs", "file_read data/a", "file_read null",
    ]);
  });

  it("finds the host of fetch, axios and http(s) requests given a URL string, a URL object or options", async () => {
    expect(await ops("const http = require('http');\nconst axios = require('axios');\nfetch(new URL('https://a.io/x'));\naxios.get('https://b.io');\nhttp.request({ host: 'c.internal', port: 80 });\n")).toEqual([
      "import http", "import axios", "network a.io", "network b.io", "network c.internal",
    ]);
  });

  it("gives a fetch of a computed URL a null host", async () => {
    expect(await ops("fetch(`${base}/api`);\n")).toEqual(["network null"]);
  });

  it("reads process.env members, literal indexes, destructured names, and the whole environment", async () => {
    expect(await ops("process.env.A;\nprocess.env['B'];\nconst { C } = process.env;\nObject.keys(process.env);\nprocess.env[name];\n")).toEqual([
      "env A", "env B", "env C", "env null", "env null",
    ]);
  });

  it("treats eval, new Function, vm and string timers as dynamic code", async () => {
    expect(await ops("eval(s);\nnew Function('return 1');\nrequire('vm').runInThisContext(s);\nsetTimeout('alert(1)', 10);\nsetTimeout(() => 1, 10);\n")).toEqual([
      "dynamic_code null", "dynamic_code null", "dynamic_code null", "import vm", "dynamic_code null",
    ]);
  });

  it("flags eval of base64-decoded data, also through a variable", async () => {
    expect(await ops("const src = Buffer.from(payload, 'base64').toString();\neval(src);\n")).toEqual(["dynamic_code null", "obfuscation null"]);
  });

  it("flags a require of a computed or assembled name, resolving it when it can", async () => {
    expect(await ops("require(name);\nrequire('f' + 's');\n")).toEqual(["import null", "obfuscation null", "import fs", "obfuscation fs"]);
  });

  it("flags computed lookups on globalThis and required modules, not literal ones", async () => {
    expect(await ops("const cp = require('child_process');\ncp[m]('id');\nglobalThis['ev' + 'al']('1');\nglobalThis['fetch'];\n")).toEqual([
      "import child_process", "obfuscation null", "dynamic_code null", "obfuscation eval",
    ]);
  });

  it("does not flag methods named like risky calls on ordinary objects, or local functions", async () => {
    expect(await ops("db.exec('select 1');\nfunction fetch(u) { return u; }\nfetch('https://x.io');\nconst items = list.map((x) => x * 2);\nregex.exec(s);\n")).toEqual([]);
  });

  it("imports a literal dynamic import() without flagging it", async () => {
    expect(await ops("const { join } = await import('node:path');\njoin('a', 'b');\n")).toEqual(["import path"]);
  });
});
