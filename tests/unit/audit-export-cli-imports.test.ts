// verify-export must run with no database: neither the command nor anything it imports may load
// the database client, Prisma or a database driver, and the CLI entry point must load nothing
// before dispatching (its other commands are imported lazily).
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DATABASE_MODULES = /(^|\/)(lib\/db\/|lib\/generated\/|node_modules\/(@prisma|prisma|pg|pg-[a-z]+|@electric-sql|pglite-prisma-adapter)\/)/;

describe("the offline verifier's import graph", () => {
  it("loads no database client, Prisma or driver for verify-export", async () => {
    const result = await build({
      entryPoints: [path.join(ROOT, "lib/cli/verify-export-command.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "silent",
      alias: { "@": ROOT },
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain("lib/audit/export/verify-export.ts");
    expect(inputs).toContain("lib/audit/chain-hash.ts");
    expect(inputs.filter((input) => DATABASE_MODULES.test(input))).toEqual([]);
    expect(inputs).not.toContain("lib/config.ts");
  });

  it("dispatches from cli/warden.ts before importing anything but the error types", () => {
    const source = fs.readFileSync(path.join(ROOT, "cli/warden.ts"), "utf8");
    const staticImports = [...source.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    expect(staticImports).toEqual(["@/lib/errors"]);
    expect(source).toMatch(/argv\[0\] === "verify-export"[\s\S]*import\("@\/lib\/cli\/verify-export-command"\)[\s\S]*import\("@\/lib\/cli\/run-database-command"\)/);
  });
});
