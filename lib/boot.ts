import "server-only";
import { database } from "@/lib/db";
import { demoCredentialsIn } from "@/lib/auth/demo";
import { seedDemoIfEmpty } from "@/lib/demo/seed";
import { startSimulator } from "@/lib/demo/simulator";
import { DEMO_TICKS } from "@/lib/demo/ticks";
import { startEvaluator } from "@/lib/incidents/evaluator";
import { log } from "@/lib/log";
import { checkpointIfDue, startMaintenance } from "@/lib/maintenance";
import { addRawPointDays } from "@/lib/metrics/commands";
import { startDeliveryLoop } from "@/lib/webhooks/delivery";

/**
 * Server start-up: migrate, then seed the demo fleet when asked to and the database is empty, then
 * publish an audit checkpoint if none was published in the last hour. Outside demo mode a database
 * that still accepts the demo's published passwords or key is refused: the process exits rather
 * than serve accounts anyone can sign in to.
 */
export async function boot(): Promise<void> {
  const opened = await database();
  const { db } = opened;
  if (process.env.PLUMBLINE_DEMO !== "1") {
    const demo = await demoCredentialsIn(db);
    if (demo.length > 0) {
      log.error(
        `refusing to start: this database holds the demo credentials (${demo.join(", ")}), which anyone can use. ` +
          "Start it with PLUMBLINE_DEMO=1 to run the demo, or point DATABASE_URL / PLUMBLINE_DATA_DIR at a database of your own.",
      );
      process.exit(1);
    }
  }
  // Before the first points arrive, so they land in their day's partition rather than the default one.
  await addRawPointDays(db);
  startMaintenance(db);
  startEvaluator(opened);
  startDeliveryLoop(db);
  const demo = process.env.PLUMBLINE_DEMO === "1";
  if (demo) {
    const seeded = await seedDemoIfEmpty(db);
    log.info(seeded ? "demo fleet seeded" : "demo fleet already present");
  }
  await checkpointIfDue(db);
  // The simulator talks to this very server over HTTP, as an outside ML system would.
  if (demo && process.env.PLUMBLINE_SIMULATOR !== "0") startSimulator(`http://127.0.0.1:${process.env.PORT ?? 3000}`, DEMO_TICKS);
}
