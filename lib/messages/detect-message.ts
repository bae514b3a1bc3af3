// All detectors over one message, in one place so the LLM gateway can run the same ones on its
// traffic. Emails and card numbers count as exfiltration only when they flow: another agent
// sent them earlier in the same conversation and this agent now passes them on.
import { detectApiKeys } from "@/lib/detect/api-keys";
import { detectInjection } from "@/lib/detect/injection";
import { findSensitiveValues } from "@/lib/detect/sensitive-data";
import type { Detection } from "@/lib/detect/types";
import { detectVaultValues } from "@/lib/detect/vault-values";
import { prisma } from "@/lib/db/client";

export type MessageScan = { detections: Detection[]; sensitiveHashes: string[] };

type Scanned = { workspaceId: string; senderAgentId: string; conversationId: string; content: string };

async function flowedSensitiveValues({ workspaceId, senderAgentId, conversationId, content }: Scanned) {
  const values = findSensitiveValues(content, workspaceId);
  if (values.length === 0) return { detections: [], hashes: [] };
  const hashes = [...new Set(values.map((v) => v.hash))];
  const db = await prisma();
  const earlier = await db.agentMessage.findMany({
    where: { workspaceId, conversationId, senderAgentId: { not: senderAgentId }, sensitiveHashes: { hasSome: hashes } },
    select: { senderAgentId: true, sensitiveHashes: true },
    orderBy: { createdAt: "asc" },
  });
  const detections: Detection[] = [];
  const reported = new Set<string>();
  for (const value of values) {
    const origin = earlier.find((m) => m.sensitiveHashes.includes(value.hash));
    if (!origin || reported.has(value.hash)) continue;
    reported.add(value.hash);
    const what = value.type === "card" ? "a card number (Luhn-valid)" : "an email address";
    detections.push({
      detector: `flowed_${value.type}`,
      kind: "exfiltration",
      label: value.type,
      span: value.span,
      explanation: `The content passes on ${what} that agent '${origin.senderAgentId}' sent earlier in this conversation`,
    });
  }
  return { detections, hashes };
}

export async function detectMessage(scanned: Scanned): Promise<MessageScan> {
  const [vault, flowed] = await Promise.all([detectVaultValues(scanned.workspaceId, scanned.content), flowedSensitiveValues(scanned)]);
  return { detections: [...detectInjection(scanned.content), ...vault, ...detectApiKeys(scanned.content), ...flowed.detections], sensitiveHashes: flowed.hashes };
}

/** What policies see under params.detections: `{path: detections.injection, op: equals, value: true}`. */
export function detectionParams(detections: Detection[]) {
  return {
    injection: detections.some((d) => d.kind === "injection"),
    // e.g. ["vault:STRIPE_KEY", "card"]; policy operators compare whole values, hence the boolean.
    exfiltration: [...new Set(detections.filter((d) => d.kind === "exfiltration").map((d) => d.label!))],
    exfiltrated: detections.some((d) => d.kind === "exfiltration"),
    detectors: [...new Set(detections.map((d) => d.detector))],
    count: detections.length,
  };
}
