// "Verify now" runs chunk by chunk from the browser, and the audit.verified event it ends with
// must record what the server verified, not what a browser claims. Each chunk's answer carries
// the progress so far (entries checked through a seq, first problem) with an HMAC under the app
// secret; the next chunk and the final step accept only progress the server signed.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { invalid } from "@/lib/errors";
import { appSecrets } from "@/lib/setup/app-secrets";

const ProblemSchema = z.strictObject({
  kind: z.enum(["modified", "broken_link", "gap", "missing_tail", "beyond_head", "head_mismatch"]),
  seq: z.number().int(),
  entry_id: z.string().max(64).nullable(),
  message: z.string().max(500),
});

export const SignedProgressSchema = z.strictObject({
  through: z.number().int().min(0),
  entries_checked: z.number().int().min(0),
  problem: ProblemSchema.nullable(),
  receipt: z.string().regex(/^[0-9a-f]{64}$/, "is not a receipt from a previous step"),
});
export type SignedProgress = z.infer<typeof SignedProgressSchema>;
export type Progress = Omit<SignedProgress, "receipt">;

function mac(workspaceId: string, progress: Progress): string {
  const { through, entries_checked, problem } = progress;
  const text = JSON.stringify(["audit-verify/v1", workspaceId, through, entries_checked, problem && [problem.kind, problem.seq, problem.entry_id, problem.message]]);
  return createHmac("sha256", appSecrets().nextAuthSecret).update(text).digest("hex");
}

export function signProgress(workspaceId: string, progress: Progress): SignedProgress {
  return { ...progress, receipt: mac(workspaceId, progress) };
}

/** The progress a previous step signed for this workspace; nothing yet (null) is progress through seq 0. */
export function checkedProgress(workspaceId: string, signed: SignedProgress | null): Progress {
  if (!signed) return { through: 0, entries_checked: 0, problem: null };
  const { receipt, ...progress } = signed;
  const expected = Buffer.from(mac(workspaceId, progress), "hex");
  if (!timingSafeEqual(expected, Buffer.from(receipt, "hex"))) throw invalid("previous", "is not progress this server signed for this workspace");
  return progress;
}
