// docker-compose.yml cannot be run on the machines that test Warden (no container images), so
// its shape is checked here: PostgreSQL, two app instances with every required setting and a
// readiness health check, and a proxy whose nginx.conf balances over both. (The compose file
// was also validated with `docker-compose config`, and deploy/nginx.conf run in front of two
// instances with scripts/two-instances.ts: see the README.)
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

type Service = {
  build?: string;
  image?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  volumes?: string[];
};

const compose = parse(fs.readFileSync("docker-compose.yml", "utf8"), { merge: true }) as { services: Record<string, Service> };
const nginx = fs.readFileSync("deploy/nginx.conf", "utf8");
const REQUIRED = ["DATABASE_URL", "NEXTAUTH_SECRET", "NEXTAUTH_URL", "WARDEN_MASTER_KEY", "WARDEN_EXPORT_SIGNING_KEY", "WARDEN_METRICS_TOKEN"];

describe("docker-compose.yml", () => {
  it("runs PostgreSQL, two app instances and a proxy", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["app1", "app2", "db", "proxy"]);
    expect(compose.services.db!.image).toMatch(/^postgres:15/);
  });

  it.each(["app1", "app2"])("gives %s every required setting, the database URL of the db service and a readiness check", (name) => {
    const app = compose.services[name]!;
    expect(app.build).toBe(".");
    expect(Object.keys(app.environment ?? {})).toEqual(expect.arrayContaining(REQUIRED));
    expect(app.environment!.DATABASE_URL).toMatch(/^postgresql:\/\/warden:.*@db:5432\/warden$/);
    // Secrets come from the operator's environment (.env), never from the file itself.
    for (const setting of ["NEXTAUTH_SECRET", "WARDEN_MASTER_KEY", "WARDEN_EXPORT_SIGNING_KEY", "WARDEN_METRICS_TOKEN"]) {
      expect(app.environment![setting]).toMatch(new RegExp(`^\\$\\{${setting}:\\?`));
    }
    expect(app.healthcheck!.test.join(" ")).toContain("/api/readyz");
    expect(app.depends_on).toEqual({ db: { condition: "service_healthy" } });
  });

  it("has the two instances share one configuration", () => {
    expect(compose.services.app1!.environment).toEqual(compose.services.app2!.environment);
  });

  it("puts the proxy in front once both instances are ready, with deploy/nginx.conf", () => {
    const proxy = compose.services.proxy!;
    expect(proxy.image).toMatch(/^nginx:/);
    expect(proxy.volumes).toContain("./deploy/nginx.conf:/etc/nginx/nginx.conf:ro");
    expect(proxy.depends_on).toEqual({ app1: { condition: "service_healthy" }, app2: { condition: "service_healthy" } });
  });
});

describe("deploy/nginx.conf", () => {
  it("balances over both instances (round robin: no other balancing method) and names the one that answered", () => {
    const upstream = /upstream warden \{([^}]*)\}/.exec(nginx)![1]!;
    expect([...upstream.matchAll(/server (\S+)/g)].map((m) => m[1])).toEqual(["app1:3000", "app2:3000"]);
    expect(upstream).not.toMatch(/ip_hash|least_conn|hash |random/);
    expect(nginx).toContain("proxy_pass http://warden;");
    expect(nginx).toContain("add_header X-Served-By $upstream_addr always;");
  });

  it("never retries a POST on another instance and keeps per-instance metrics off the proxy", () => {
    expect([...nginx.matchAll(/^\s*proxy_next_upstream ([^;]*);/gm)].map((m) => m[1])).toEqual(["error timeout"]);
    expect(nginx).toMatch(/location = \/api\/metrics \{\s*return 404;\s*\}/);
  });
});
