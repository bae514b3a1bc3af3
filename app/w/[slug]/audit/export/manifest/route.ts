// GET /w/<slug>/audit/export/manifest?<the export's query>: the signed manifest of the export
// with the same format, filter and through (see docs/audit-chain.md). Admins and auditors.
import { buildManifest } from "@/lib/audit/export/build-manifest";
import { parseExportQuery } from "@/lib/audit/export/export-params";
import { exportFileName, resolveExport } from "@/lib/audit/export/resolve-export";
import { memberRoute } from "@/lib/http/member-route";

export const dynamic = "force-dynamic";

export const GET = memberRoute("audit:export", async (request, member) => {
  const query = parseExportQuery(new URL(request.url).searchParams);
  const resolved = await resolveExport(member.workspace.id, query);
  const manifest = await buildManifest(resolved, member.workspace);
  return new Response(`${JSON.stringify(manifest, null, 2)}\n`, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${exportFileName(member.workspace.slug, resolved)}.manifest.json"`,
      "x-warden-export-through": String(resolved.through),
      "cache-control": "no-store",
    },
  });
});
