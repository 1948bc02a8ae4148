import "server-only";
import { database } from "@/lib/db";
import { seedDemoIfEmpty } from "@/lib/demo/seed";
import { startSimulator } from "@/lib/demo/simulator";
import { DEMO_TICKS } from "@/lib/demo/ticks";
import { startEvaluator } from "@/lib/incidents/evaluator";
import { log } from "@/lib/log";
import { startMaintenance } from "@/lib/maintenance";
import { startDeliveryLoop } from "@/lib/webhooks/delivery";

/** Server start-up: migrate, then seed the demo fleet when asked to and the database is empty. */
export async function boot(): Promise<void> {
  const opened = await database();
  const { db } = opened;
  startMaintenance(db);
  startEvaluator(opened);
  startDeliveryLoop(db);
  if (process.env.PLUMBLINE_DEMO === "1") {
    const seeded = await seedDemoIfEmpty(db);
    log.info(seeded ? "demo fleet seeded" : "demo fleet already present");
    // The simulator talks to this very server over HTTP, as an outside ML system would.
    if (process.env.PLUMBLINE_SIMULATOR !== "0") startSimulator(`http://127.0.0.1:${process.env.PORT ?? 3000}`, DEMO_TICKS);
  }
}
