// GET /w/<slug>/reports/compliance?from=YYYY-MM-DD&to=YYYY-MM-DD: the compliance report as a
// PDF download, for members whose role may export (auditors and admins).
import { memberRoute } from "@/lib/http/member-route";
import { parseWith } from "@/lib/http/validation";
import { generateComplianceReport } from "@/lib/reports/generate-compliance-report";
import { ReportPeriodSchema } from "@/lib/reports/report-period";

export const GET = memberRoute("audit:export", async (request, member) => {
  const period = parseWith(ReportPeriodSchema, Object.fromEntries(new URL(request.url).searchParams), "query");
  const { pdf, filename } = await generateComplianceReport(member, period);
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${filename}"`,
      "content-length": String(pdf.length),
      "cache-control": "no-store",
    },
  });
});
