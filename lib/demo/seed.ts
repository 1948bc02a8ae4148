import "server-only";
import { sql } from "drizzle-orm";
import { users } from "@/drizzle/schema";
import { seedDemoAccounts } from "@/lib/auth/demo";
import { seedIncidentsDemo } from "@/lib/incidents/demo";
import type { Db } from "@/lib/db";
import { seedDriftDemo } from "@/lib/drift/demo";
import { seedGovernanceDemo } from "@/lib/governance/demo";
import { log } from "@/lib/log";
import { seedMetricHistory } from "@/lib/metrics/demo";
import { seedQualityDemo } from "@/lib/quality/demo";
import { seedDemoPipelines } from "@/lib/pipelines/demo";
import { seedRegistryDemo } from "@/lib/registry/demo";
import { DEMO_MODELS, DEMO_USERS } from "./fleet";

/**
 * Seeds the demo fleet through each domain's demo, which uses the domain functions, so the data
 * obeys the same rules as real use and the audit trail records it. Runs only on an empty
 * database (no users yet).
 */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  const [{ count }] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
  if (count > 0) return false;
  const steps = DEMO_USERS.length + 1 + DEMO_MODELS.length;
  let step = 0;
  const progress = (what: string) => log.info("seeding demo", { step: ++step, of: steps, what });

  await seedDemoAccounts(db, progress);
  await seedRegistryDemo(db, progress);
  await seedMetricHistory(db);
  await seedDemoPipelines(db, new Date());
  await seedDriftDemo(db);
  await seedQualityDemo(db);
  // Last: its promotions read the pipelines, and its stage changes follow the fleet's history.
  await seedGovernanceDemo(db);
  // After everything it watches exists; its webhook announces the story's incidents.
  await seedIncidentsDemo(db, process.env.PORT ?? "3000");
  return true;
}
