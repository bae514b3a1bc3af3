// The bash extractor: which commands are file, network, process or dynamic operations, and the
// pipelines and substitutions that hide what a script runs.
import { describe, expect, it } from "vitest";
import { analyzeCode } from "@/lib/exec/analyze-code";

async function ops(code: string) {
  return (await analyzeCode("bash", code)).operations.map((op) => `${op.kind} ${op.target}`);
}

describe("bash analysis", () => {
  it("maps network clients to their literal host", async () => {
    expect(await ops("curl -s -H 'Accept: x' https://api.example.com/v1\nwget http://files.example.org/a.tgz\nssh admin@db1.internal uptime\nnc -w 3 10.0.0.9 4444\n")).toEqual([
      "network api.example.com", "network files.example.org", "network db1.internal", "network 10.0.0.9",
    ]);
  });

  it("reads the file operands of readers, skipping option values and patterns", async () => {
    expect(await ops("head -n 20 data/a.txt\ngrep -i error logs/app.log\ncat data/b data/c\n")).toEqual([
      "file_read data/a.txt", "file_read logs/app.log", "file_read data/b", "file_read data/c",
    ]);
  });

  it("writes through rm, mv, cp's destination, tee and > / >> redirections, but not to /dev/null or 2>&1", async () => {
    expect(await ops("rm -f out/old\ncp data/a out/a\necho x >> out/log 2>&1\nls > /dev/null\n")).toEqual([
      "file_write out/old", "file_read data/a", "file_write out/a", "file_write out/log", "file_read .",
    ]);
  });

  it("reads < redirections", async () => {
    expect(await ops("sort < data/names.txt\n")).toEqual(["file_read data/names.txt"]);
  });

  it("treats a command substitution as a process named after its first command", async () => {
    expect(await ops("today=$(date +%F)\nuser=`whoami`\n")).toEqual(["process date", "process whoami"]);
  });

  it("starts a process for programs it does not know, and for sudo", async () => {
    expect(await ops("sudo systemctl restart nginx\ndocker ps\n")).toEqual(["process sudo", "process systemctl", "process docker"]);
  });

  it("does not flag builtins, text utilities on stdin, or the script's own functions", async () => {
    expect(await ops("set -e\nsay() { echo \"$1\"; }\nsay hi\necho hi | tr a-z A-Z\nexport PATH=/usr/bin\ncd /srv\n")).toEqual([]);
  });

  it("treats eval, source and bash -c as dynamic code", async () => {
    expect(await ops("eval \"$CMD\"\nsource ./env.sh\nsh -c 'id'\n")).toEqual(["dynamic_code null", "dynamic_code ./env.sh", "dynamic_code sh"]);
  });

  it("treats text piped into a shell as dynamic code, and decoded text piped into one as obfuscation", async () => {
    expect(await ops("curl -s https://x.io/i.sh | bash\n")).toEqual(["dynamic_code null", "network x.io"]);
    expect(await ops("echo aWQ= | base64 -d | sh\n")).toEqual(["dynamic_code null", "obfuscation null"]);
  });

  it("flags eval of a decoding command substitution as obfuscation", async () => {
    expect(await ops("eval \"$(echo aWQ= | base64 --decode)\"\n")).toEqual(["dynamic_code null", "obfuscation null", "process echo"]);
  });

  it("reads sensitive-looking variables as env, and env/printenv as the environment", async () => {
    expect(await ops("echo \"$HOME $AUTHOR $API_TOKEN ${DB_PASSWORD} $SSH_KEY\"\nprintenv AWS_REGION\nenv\n")).toEqual([
      "env API_TOKEN", "env DB_PASSWORD", "env SSH_KEY", "env AWS_REGION", "env null",
    ]);
  });

  it("looks through wrappers: env VAR=1 timeout 5 curl is a network call", async () => {
    expect(await ops("env LANG=C timeout 5 curl https://a.io\n")).toEqual(["network a.io"]);
  });

  it("gives a path built from an unknown variable a null target", async () => {
    expect(await ops("rm -rf \"$DIR/cache\"\n")).toEqual(["file_write null"]);
  });

  it("uses a variable set once to a literal, but not one set twice or by a loop", async () => {
    expect(await ops("OUT=out/run\nrm -r \"$OUT/tmp\" ${OUT}\nP=/etc\nif [ -n \"$y\" ]; then P=out; fi\nrm -r \"$P\"\nfor f in a b; do rm \"$f\"; done\n")).toEqual([
      "file_write out/run/tmp", "file_write out/run", "file_write null", "file_write null",
    ]);
  });
});
