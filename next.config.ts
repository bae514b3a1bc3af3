import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM at run time; bundling it breaks the build (see ENVIRONMENT.md).
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
