import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM at run time; bundling it breaks the build (see ENVIRONMENT.md).
  // pdfkit reads its standard fonts' metrics (.afm files) from its own folder at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "pg", "pdfkit", "prom-client"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
