import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { apiKeys, users } from "@/drizzle/schema";
import type { Db } from "@/lib/db";
import { DEMO_KEY, DEMO_PASSWORD, DEMO_USERS } from "@/lib/demo/fleet";
import { hashKey } from "./api-keys";
import { SYSTEM_CALLER } from "./caller";
import { createApiKey, createUser } from "./commands";
import { verifyPassword } from "./password";

/** The demo accounts, all with the demo password, and the demo API key with every scope. */
export async function seedDemoAccounts(db: Db, progress: (what: string) => void): Promise<void> {
  for (const user of DEMO_USERS) {
    await createUser(db, { ...user, password: DEMO_PASSWORD }, SYSTEM_CALLER);
    progress(`user ${user.email}`);
  }
  await createApiKey(db, { name: "demo key", scopes: ["ingest", "registry:write", "read"], key: DEMO_KEY }, SYSTEM_CALLER);
  progress("demo API key");
}

/**
 * What of the demo's published credentials would let someone in on this database: the demo key
 * unrevoked, and each demo account still active with the demo password.
 */
export async function demoCredentialsIn(db: Db): Promise<string[]> {
  const found: string[] = [];
  const [key] = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashKey(DEMO_KEY)), isNull(apiKeys.revokedAt)));
  if (key) found.push("the demo API key");
  const demoEmails = DEMO_USERS.map((u) => u.email);
  const accounts = await db
    .select({ email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(and(inArray(users.email, demoEmails), eq(users.active, true)));
  for (const account of accounts) if (account.passwordHash && (await verifyPassword(DEMO_PASSWORD, account.passwordHash))) found.push(account.email);
  return found;
}
