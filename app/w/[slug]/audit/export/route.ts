// GET /w/<slug>/audit/export?format=csv|jsonl&<audit filter>&through=<seq>: the filtered audit
// entries up to `through` (default: the chain head now), oldest first, streamed as a download.
// Admins and auditors. The manifest for the same query is at ./manifest.
import { CONTENT_TYPE } from "@/lib/audit/export/columns";
import { parseExportQuery } from "@/lib/audit/export/export-params";
import { exportFileName, resolveExport } from "@/lib/audit/export/resolve-export";
import { streamExport } from "@/lib/audit/export/stream-export";
import { memberRoute } from "@/lib/http/member-route";

export const dynamic = "force-dynamic";

export const GET = memberRoute("audit:export", async (request, member) => {
  const query = parseExportQuery(new URL(request.url).searchParams);
  const resolved = await resolveExport(member.workspace.id, query);
  return new Response(streamExport(resolved, member.userId), {
    headers: {
      "content-type": CONTENT_TYPE[resolved.format],
      "content-disposition": `attachment; filename="${exportFileName(member.workspace.slug, resolved)}"`,
      "x-warden-export-through": String(resolved.through),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
