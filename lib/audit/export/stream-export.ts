// The download: a ReadableStream that reads one page from the database per pull, so memory
// stays at one page however large the range. Once the last byte is produced, the export is
// recorded as an `audit.exported` event (seq beyond `through`, so never inside the file); a
// download abandoned by the client is recorded too, as incomplete.
import { appendAuditEvent } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { filterRecord } from "./export-params";
import { ExportDigest, exportChunks } from "./export-chunks";
import { readExportPages } from "./read-export-rows";
import type { ResolvedExport } from "./resolve-export";

export function streamExport(resolved: ResolvedExport, userId: string): ReadableStream<Uint8Array> {
  const chunks = exportChunks(resolved.format, readExportPages(resolved));
  const digest = new ExportDigest();
  const record = async (details: Record<string, unknown>) => {
    const db = await prisma();
    await db.$transaction((tx) =>
      appendAuditEvent(tx, resolved.workspaceId, {
        actor: { type: "user", id: userId },
        action: "audit.exported",
        details: { format: resolved.format, filter: filterRecord(resolved.filter), through_seq: resolved.through, ...details },
      }),
    );
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (!next.done) {
          digest.add(next.value);
          controller.enqueue(new Uint8Array(next.value.bytes));
          return;
        }
        const { entry_count, file_sha256 } = digest.result();
        await record({ entry_count, file_sha256 });
        controller.close();
      } catch (error) {
        logger.error("audit export failed", { workspaceId: resolved.workspaceId, error });
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
      await record({ entry_count: digest.entryCount, file_sha256: null, incomplete: true }).catch((error: unknown) =>
        logger.error("could not record an abandoned audit export", { workspaceId: resolved.workspaceId, error }),
      );
    },
  });
}
