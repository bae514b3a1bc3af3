#!/usr/bin/env node
// `npm run db:migration -- <name>`: writes the next SQL migration, offline, by diffing the
// schema snapshot kept with the latest migration against prisma/schema.prisma. No database is
// needed (prisma migrate dev does not work on these machines). Review the SQL before committing.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { root } from "./build-if-needed.mjs";

const name = (process.argv[2] ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
if (!name) {
  console.error("usage: npm run db:migration -- <name>");
  process.exit(2);
}
const migrationsDir = path.join(root, "prisma", "migrations");
const schema = path.join(root, "prisma", "schema.prisma");
const latest = fs.readdirSync(migrationsDir).filter((d) => fs.existsSync(path.join(migrationsDir, d, "migration.sql"))).sort().at(-1);
const snapshot = latest ? path.join(migrationsDir, latest, "schema.prisma") : null;
if (snapshot && !fs.existsSync(snapshot)) {
  console.error(`${snapshot} is missing: every migration keeps a copy of the schema it produced`);
  process.exit(1);
}
const from = snapshot ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
const diff = spawnSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", schema, "--script"], {
  cwd: root,
  encoding: "utf8",
});
if (diff.status !== 0) {
  process.stderr.write(diff.stderr);
  process.exit(diff.status ?? 1);
}
if (!/^\s*(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE)\b/im.test(diff.stdout)) {
  console.log("The schema has not changed since the latest migration: nothing to write.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
fs.mkdirSync(dir);
fs.writeFileSync(path.join(dir, "migration.sql"), diff.stdout);
fs.copyFileSync(schema, path.join(dir, "schema.prisma"));
console.log(`Wrote ${path.relative(root, dir)}/migration.sql (and its schema snapshot). Review it, then commit.`);
