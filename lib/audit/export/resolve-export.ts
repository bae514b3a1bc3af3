// Fixes an export request's range: `through` defaults to the chain head now, and may not lie
// beyond it (a range that could still grow would not match its manifest).
import { invalid } from "@/lib/errors";
import type { ExportRequest } from "./export-params";
import { chainHeadSeq, type ExportRange } from "./read-export-rows";

export type ResolvedExport = ExportRange & { format: ExportRequest["format"] };

export async function resolveExport(workspaceId: string, request: ExportRequest): Promise<ResolvedExport> {
  const head = await chainHeadSeq(workspaceId);
  if (request.through !== undefined && request.through > head) {
    throw invalid("through", `must not be beyond the chain head (seq ${head})`);
  }
  return { workspaceId, filter: request.filter, format: request.format, through: request.through ?? head };
}

export function exportFileName(slug: string, resolved: ResolvedExport): string {
  return `warden-audit-${slug}-${resolved.through}.${resolved.format}`;
}
