// The code behind escalated code_execution approval requests, so reviewers decide on what will
// run. The request carries code_sha256 (+ language, operations) in its params or details, and
// its receipt is the code run's id; either leads to the code stored once in code_blobs.
import { prisma } from "@/lib/db/client";
import type { Operation } from "./types";

export type EscalatedCode = { code: string; language: string; operations: Operation[] };
type Request = { request_id: string; kind: string; params: unknown; details: unknown; receipt_id: string | null };

const field = (request: Request, name: string): unknown => {
  for (const source of [request.params, request.details]) {
    if (typeof source === "object" && source !== null && name in source) return (source as Record<string, unknown>)[name];
  }
  return undefined;
};

async function codeOf(workspaceId: string, request: Request): Promise<EscalatedCode | null> {
  const db = await prisma();
  const run = request.receipt_id ? await db.codeRun.findFirst({ where: { id: request.receipt_id, workspaceId }, include: { blob: true } }) : null;
  const sha256 = run?.codeSha256 ?? field(request, "code_sha256");
  if (typeof sha256 !== "string") return null;
  const blob = run?.blob ?? (await db.codeBlob.findUnique({ where: { workspaceId_sha256: { workspaceId, sha256 } } }));
  if (!blob) return null;
  const operations = run?.operations ?? field(request, "operations");
  return { code: blob.code, language: blob.language, operations: Array.isArray(operations) ? (operations as Operation[]) : [] };
}

/** The code of each code_execution request that has one, by request id. */
export async function escalatedCode(workspaceId: string, requests: Request[]): Promise<Record<string, EscalatedCode>> {
  const found = await Promise.all(
    requests.filter((r) => r.kind === "code_execution").map(async (r) => [r.request_id, await codeOf(workspaceId, r)] as const),
  );
  return Object.fromEntries(found.filter((pair): pair is [string, EscalatedCode] => pair[1] !== null));
}
