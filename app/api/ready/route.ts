import { sql } from "drizzle-orm";
import { getDb, migrationsApplied } from "@/lib/db";

export const dynamic = "force-dynamic";

const notReady = (message: string) => Response.json({ status: "not_ready", error: { code: "unavailable", message } }, { status: 503 });

/** Readiness: 200 only when the database answers and every migration is applied. */
export async function GET() {
  if (!migrationsApplied()) return notReady("Migrations are not applied yet");
  try {
    await (await getDb()).execute(sql`select 1`);
    return Response.json({ status: "ready" });
  } catch {
    return notReady("The database does not answer");
  }
}
