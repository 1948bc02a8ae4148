export const dynamic = "force-dynamic";

/** Liveness: answers while the process runs, without touching the database. */
export function GET() {
  return Response.json({ status: "ok" });
}
