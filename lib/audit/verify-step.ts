import { invalid } from "@/lib/errors";
import { verifyRange } from "./verify-range";
import { checkedProgress, signProgress, type SignedProgress } from "./verify-receipt";
import { readTail } from "./verify-queries";

export const VERIFY_CHUNK_MAX = 5_000;

/**
 * One step of a chunked verification: the `size` entries after the signed progress so far
 * (from seq 1 without one) up to the chain head, then the new signed progress and the chain head's seq now, which
 * tells the caller how far there is to go.
 */
export async function verifyNextChunk(workspaceId: string, input: { previous: SignedProgress | null; size: number }) {
  const previous = checkedProgress(workspaceId, input.previous);
  if (previous.problem) throw invalid("previous", "already found a problem: the verification is over");
  const headSeq = (await readTail(workspaceId))?.headSeq ?? 0;
  const from = previous.through + 1;
  // Never past the head read first: an entry appended meanwhile is checked by a later step.
  const to = Math.min(from + input.size - 1, headSeq);
  const chunk = to >= from ? await verifyRange(workspaceId, { from, to }) : { to: previous.through, entries_checked: 0, problem: null };
  return {
    progress: signProgress(workspaceId, {
      through: chunk.to,
      entries_checked: previous.entries_checked + chunk.entries_checked,
      problem: chunk.problem,
    }),
    head_seq: headSeq,
  };
}
