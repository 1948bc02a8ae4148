import "server-only";
import { database } from "@/lib/db";
import { seedDemoIfEmpty } from "@/lib/demo/seed";
import { log } from "@/lib/log";

/** Server start-up: migrate, then seed the demo fleet when asked to and the database is empty. */
export async function boot(): Promise<void> {
  const { db } = await database();
  if (process.env.PLUMBLINE_DEMO === "1") {
    const seeded = await seedDemoIfEmpty(db);
    log.info(seeded ? "demo fleet seeded" : "demo fleet already present");
  }
}
