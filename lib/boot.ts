import "server-only";
import { database } from "@/lib/db";
import { seedDemoIfEmpty } from "@/lib/demo/seed";
import { startSimulator } from "@/lib/demo/simulator";
import { DEMO_TICKS } from "@/lib/demo/ticks";
import { log } from "@/lib/log";
import { checkpointIfDue, startMaintenance } from "@/lib/maintenance";

/**
 * Server start-up: migrate, then seed the demo fleet when asked to and the database is empty, then
 * publish an audit checkpoint if none was published in the last hour.
 */
export async function boot(): Promise<void> {
  const { db } = await database();
  startMaintenance(db);
  const demo = process.env.PLUMBLINE_DEMO === "1";
  if (demo) {
    const seeded = await seedDemoIfEmpty(db);
    log.info(seeded ? "demo fleet seeded" : "demo fleet already present");
  }
  await checkpointIfDue(db);
  // The simulator talks to this very server over HTTP, as an outside ML system would.
  if (demo && process.env.PLUMBLINE_SIMULATOR !== "0") startSimulator(`http://127.0.0.1:${process.env.PORT ?? 3000}`, DEMO_TICKS);
}
