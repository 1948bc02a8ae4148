import "server-only";
import type { Db } from "@/lib/db";
import { DEMO_KEY, DEMO_PASSWORD, DEMO_USERS } from "@/lib/demo/fleet";
import { SYSTEM_CALLER } from "./caller";
import { createApiKey, upsertUser } from "./commands";

/** The demo accounts, all with the demo password, and the demo API key with every scope. */
export async function seedDemoAccounts(db: Db, progress: (what: string) => void): Promise<void> {
  for (const user of DEMO_USERS) {
    await upsertUser(db, { ...user, password: DEMO_PASSWORD }, SYSTEM_CALLER);
    progress(`user ${user.email}`);
  }
  await createApiKey(db, { name: "demo key", scopes: ["ingest", "registry:write", "read"], key: DEMO_KEY }, SYSTEM_CALLER);
  progress("demo API key");
}
