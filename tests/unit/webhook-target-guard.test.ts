// The webhook SSRF guard: which targets are refused (every form found by the attacker in issue
// 11 and the ranges behind them), with DNS played by an injected resolver; and, against a real
// receiver on 127.0.0.1, that a delivery connects to exactly the address the guard checked.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postWebhook } from "@/lib/webhooks/post-webhook";
import { classifyAddress, isLocalHostName } from "@/lib/webhooks/target-address";
import { checkWebhookTarget, REFUSED_ADDRESS, REFUSED_NAME, TargetNotAllowedError, type Resolver } from "@/lib/webhooks/target-guard";

const PUBLIC_V4 = "93.184.215.14";
const answers =
  (table: Record<string, string[]>): Resolver =>
  async (hostname) => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
const everyNamePublic: Resolver = async () => [{ address: PUBLIC_V4, family: 4 }];
const noDns: Resolver = async () => {
  throw new Error("the guard must not resolve this name");
};

async function refusal(url: string, resolve: Resolver = everyNamePublic): Promise<string> {
  const error = await checkWebhookTarget(url, { allowPrivate: false, resolve }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `${url} should be refused`).toBeInstanceOf(TargetNotAllowedError);
  return (error as TargetNotAllowedError).reason;
}

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["::1", "loopback"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["::", "unspecified"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "carrierGradeNat"],
    ["169.254.169.254", "linkLocal"],
    ["fe80::1", "linkLocal"],
    ["fc00::1", "uniqueLocal"],
    ["fd12:3456::1", "uniqueLocal"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["192.0.2.1", "reserved"],
    ["198.18.0.1", "reserved"],
    ["2001:db8::1", "reserved"],
    ["::ffff:169.254.169.254", "linkLocal"],
    ["::ffff:a9fe:a9fe", "linkLocal"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:0:7f00:1", "loopback"],
    ["[::ffff:169.254.169.254]", "linkLocal"],
    ["::7f00:1", "ipv4Compatible"],
    ["::a9fe:a9fe", "ipv4Compatible"],
    ["64:ff9b::a9fe:a9fe", "linkLocal"],
    ["64:ff9b:1::1", "rfc6052"],
    ["2002:7f00:1::", "loopback"],
    ["2002:a9fe:a9fe::1", "linkLocal"],
    ["2001::1", "teredo"],
    ["not-an-ip", "notAnAddress"],
  ])("refuses %s (%s)", (address, range) => {
    expect(classifyAddress(address)).toEqual({ isAllowed: false, range });
  });

  it.each(["93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "[2a00:1450::1]", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"])(
    "allows the public address %s",
    (address) => {
      expect(classifyAddress(address)).toEqual({ isAllowed: true });
    },
  );
});

describe("isLocalHostName", () => {
  it.each(["localhost", "LOCALHOST.", "api.localhost", "printer.local", "metadata.google.internal", "router.home.arpa", "metadata", "intranet"])(
    "treats %s as local",
    (name) => expect(isLocalHostName(name)).toBe(true),
  );
  it.each(["hooks.example.com", "example.com.", "localhost.example.com", "internal.example.com"])("treats %s as public", (name) => {
    expect(isLocalHostName(name)).toBe(false);
  });
});

describe("checkWebhookTarget", () => {
  it.each([
    "http://127.0.0.1/hook",
    "http://[::1]/hook",
    "http://0.0.0.0/hook",
    "http://[::]/hook",
    "http://10.0.0.1/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:169.254.169.254]/",
    "http://2130706433/",
    "http://0x7f000001/",
    "http://127.1/",
    "http://0177.0.0.1/",
    "http://0/",
    "https://[fe80::1]/",
    "https://[fd00::1]:8443/",
    "http://100.64.1.1/",
    "http://192.168.0.10:8080/",
    "http://172.20.0.1/",
    "http://255.255.255.255/",
    "http://224.0.0.251/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://[2002:a9fe:a9fe::]/",
  ])("refuses the address in %s", async (url) => {
    expect(await refusal(url, noDns)).toBe(REFUSED_ADDRESS);
  });

  it.each(["http://localhost:3000/", "http://LocalHost./", "http://app.localhost/", "http://metadata.google.internal/computeMetadata/v1/", "http://metadata/", "http://nas.local/"])(
    "refuses the local name in %s whatever DNS answers",
    async (url) => {
      expect(await refusal(url, everyNamePublic)).toBe(REFUSED_NAME);
    },
  );

  it("refuses a name resolving to a private address, to any private address among public ones, or not resolving, with one reason", async () => {
    const dns = answers({ "intranet.example.com": ["10.1.2.3"], "mixed.example.com": [PUBLIC_V4, "169.254.169.254"], "v6.example.com": ["fd00::5"] });
    const reasons = await Promise.all(
      ["https://intranet.example.com/", "https://mixed.example.com/", "https://v6.example.com/", "https://nowhere.example.com/"].map((url) => refusal(url, dns)),
    );
    expect(new Set(reasons)).toEqual(new Set([REFUSED_NAME]));
  });

  it("refuses other schemes and credentials in the URL", async () => {
    for (const url of ["ftp://files.example.com/", "file:///etc/passwd", "gopher://example.com/", "javascript:alert(1)"]) {
      expect(await refusal(url)).toBe("must be an http(s) URL");
    }
    for (const url of ["https://user:pw@hooks.example.com/", "https://token@hooks.example.com/"]) {
      expect(await refusal(url)).toBe("must not contain credentials");
    }
  });

  it("accepts public targets", async () => {
    const dns = answers({ "hooks.example.com": [PUBLIC_V4, "2606:4700::6810:84e5"] });
    for (const url of ["https://hooks.example.com/warden", "http://8.8.8.8:8080/x", "https://[2606:4700::1111]/hook"]) {
      await expect(checkWebhookTarget(url, { allowPrivate: false, resolve: dns })).resolves.toBeUndefined();
    }
  });

  it("accepts private targets, without resolving them, when private targets are allowed", async () => {
    for (const url of ["http://127.0.0.1:8080/", "http://localhost/", "http://receiver.internal/", "http://[::ffff:169.254.169.254]/"]) {
      await expect(checkWebhookTarget(url, { allowPrivate: true, resolve: noDns })).resolves.toBeUndefined();
    }
    expect(await refusal("ftp://127.0.0.1/")).toBe("must be an http(s) URL");
  });
});

describe("postWebhook", () => {
  type Seen = { host: string | undefined; body: string };
  let receiver: http.Server;
  let port: number;
  const seen: Seen[] = [];
  let respond: (res: http.ServerResponse) => void = (res) => res.writeHead(200).end("ok");

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      req.on("end", () => {
        seen.push({ host: req.headers.host, body });
        respond(res);
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    port = (receiver.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => receiver.close(resolve)));

  const post = (url: string, allowPrivate: boolean, resolve: Resolver) =>
    postWebhook({ url, headers: { "content-type": "application/json" }, body: '{"n":1}', timeoutMs: 5_000, guard: { allowPrivate, resolve } });

  it("connects to the address the guard resolved, keeping the name in the Host header", async () => {
    const before = seen.length;
    const result = await post(`http://hooks.example.test:${port}/in`, true, answers({ "hooks.example.test": ["127.0.0.1"] }));
    expect(result).toEqual({ status: 200 });
    expect(seen.slice(before)).toEqual([{ host: `hooks.example.test:${port}`, body: '{"n":1}' }]);
  });

  it("refuses, without connecting, a name that resolved public at creation and private at delivery (DNS rebinding)", async () => {
    let calls = 0;
    const rebinding: Resolver = async () => [{ address: ++calls === 1 ? PUBLIC_V4 : "127.0.0.1", family: 4 }];
    const url = `http://rebind.example.com:${port}/in`;
    await expect(checkWebhookTarget(url, { allowPrivate: false, resolve: rebinding })).resolves.toBeUndefined();
    const before = seen.length;
    await expect(post(url, false, rebinding)).rejects.toBeInstanceOf(TargetNotAllowedError);
    expect(calls).toBe(2);
    expect(seen.length).toBe(before);
  });

  it("refuses a private IP literal at delivery without connecting", async () => {
    const before = seen.length;
    for (const host of ["127.0.0.1", "[::ffff:127.0.0.1]", "2130706433"]) {
      await expect(post(`http://${host}:${port}/in`, false, noDns)).rejects.toBeInstanceOf(TargetNotAllowedError);
    }
    expect(seen.length).toBe(before);
  });

  it("settles (rejects) when the receiver cuts the response off or never answers", async () => {
    respond = (res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write("partial");
      setTimeout(() => res.socket?.destroy(), 50);
    };
    try {
      await expect(post(`http://127.0.0.1:${port}/in`, true, noDns)).rejects.toThrow();
      respond = () => undefined; // holds the request open
      const silent = postWebhook({ url: `http://127.0.0.1:${port}/in`, headers: {}, body: "{}", timeoutMs: 300, guard: { allowPrivate: true } });
      await expect(silent).rejects.toThrow();
    } finally {
      respond = (res) => res.writeHead(200).end("ok");
    }
  });

  it("does not follow redirects: a 3xx is the answer", async () => {
    respond = (res) => res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
    try {
      const before = seen.length;
      expect(await post(`http://127.0.0.1:${port}/in`, true, noDns)).toEqual({ status: 302 });
      expect(seen.length).toBe(before + 1);
    } finally {
      respond = (res) => res.writeHead(200).end("ok");
    }
  });
});
