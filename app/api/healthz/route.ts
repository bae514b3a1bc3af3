// Liveness: the process answers. No database access.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" });
}
