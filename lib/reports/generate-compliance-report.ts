// A compliance report download: the figures, drawn as a PDF, and a `report.generated` audit
// event naming who made it for which period (the event commits before the file is handed out).
import { appendAuditEvent } from "@/lib/audit/append-events";
import type { MemberContext } from "@/lib/auth/current-member";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { prisma } from "@/lib/db/client";
import { complianceData } from "./compliance-data";
import { renderCompliancePdf } from "./render-compliance-pdf";
import type { ReportPeriod } from "./report-period";

export function memberLabel(member: Pick<MemberContext, "name" | "email">): string {
  return member.name ? `${member.name} (${member.email})` : member.email;
}

export async function generateComplianceReport(member: MemberContext, period: ReportPeriod) {
  const { workspace } = member;
  const data = await complianceData(workspace.id, period);
  const pdf = await renderCompliancePdf(
    {
      workspace,
      period,
      generatedAt: new Date(),
      generatedBy: `${memberLabel(member)}, ${ROLE_LABELS[member.role]}`,
    },
    data,
  );
  const db = await prisma();
  await db.$transaction((tx) =>
    appendAuditEvent(tx, workspace.id, {
      actor: { type: "user", id: member.userId },
      action: "report.generated",
      tool: "reports",
      details: { report: "compliance", from: period.from, to: period.to },
    }),
  );
  return { pdf, filename: `warden-compliance-${workspace.slug}-${period.from}-${period.to}.pdf` };
}
