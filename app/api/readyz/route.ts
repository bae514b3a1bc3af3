import { checkReadiness } from "@/lib/db/check-readiness";

// Readiness: the database answers and every migration on disk is applied.
export const dynamic = "force-dynamic";

export async function GET() {
  const readiness = await checkReadiness();
  return Response.json(readiness, { status: readiness.ready ? 200 : 503 });
}
