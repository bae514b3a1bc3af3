// Prisma CLI configuration. Keeps every CLI command offline (no native engine downloads) and
// gives the JS schema engine a driver adapter picked from the environment: a postgres:// URL
// uses @prisma/adapter-pg, anything else a throwaway in-memory PGlite: the CLI is only used to
// generate the client and diff schemas, and must never open the app's data directory (which
// one process at a time may hold).
// Migrations are applied by Warden's own runner (lib/db/migrate.ts), not `prisma migrate`.
import path from "node:path";
import { defineConfig } from "prisma/config";

process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= "/bin/false";
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";
process.env.CHECKPOINT_DISABLE ??= "1";
// The schema must name a url even though the adapters ignore it.
process.env.PRISMA_DATASOURCE_URL ??= "postgresql://placeholder@localhost/warden";

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const url = process.env.DATABASE_URL ?? "";
    if (/^postgres(ql)?:\/\//.test(url)) {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      return new PrismaPg({ connectionString: url });
    }
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    return new PrismaPGlite(new PGlite());
  },
});
