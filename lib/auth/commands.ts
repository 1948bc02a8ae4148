import "server-only";
import { userIdOf, type Caller } from "@/lib/auth/caller";
import { and, eq, ne, sql, isNull } from "drizzle-orm";
import { users, apiKeys } from "@/drizzle/schema";
import { ApiError } from "@/lib/api/errors";
import { appendAudit } from "@/lib/audit/append";
import { isUniqueViolation, type Db } from "@/lib/db";
import { Conflict } from "@/lib/errors";
import { hashPassword, oneTimePassword } from "./password";
import type { Role, Scope } from "./permissions";
import { generateKey, hashKey, prefixOf } from "./api-keys";
import { findUserByEmail, normaliseEmail, publicKey, publicUser, type PublicKey, type PublicUser, type User } from "./queries";

/**
 * Creates an account with a one-time password (or the given one, for the demo accounts). An
 * email that exists in any casing is a 409: creating is never a way to reset someone's password
 * or roles.
 */
export async function createUser(
  db: Db,
  input: { email: string; name: string; roles: Role[]; password?: string },
  by: Caller,
): Promise<{ user: PublicUser; password: string }> {
  const email = normaliseEmail(input.email);
  const taken = () => new Conflict(`An account with the email ${email} exists`, [{ path: "email", message: "already in use" }]);
  if (await findUserByEmail(db, email)) throw taken();
  const password = input.password ?? oneTimePassword();
  const passwordHash = await hashPassword(password);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(users).values({ email, name: input.name, roles: input.roles, passwordHash }).returning();
      await appendAudit(tx, by, { action: "user.created", target: email, detail: { roles: input.roles } });
      return { user: publicUser(row), password };
    });
  } catch (error) {
    // Two admins creating the same account at once: the database's unique email decides.
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}

/**
 * For the operator's `npm run user:create` only, run with the database's own credentials:
 * creates the account, or re-enables an existing one with the given roles; either way it gets
 * a fresh one-time password.
 */
export async function upsertUser(
  db: Db,
  input: { email: string; name: string; roles: Role[]; password?: string },
  by: Caller,
): Promise<{ user: PublicUser; password: string; created: boolean }> {
  const password = input.password ?? oneTimePassword();
  const passwordHash = await hashPassword(password);
  const email = normaliseEmail(input.email);
  return db.transaction(async (tx) => {
    const existing = await tx.query.users.findFirst({ where: eq(users.email, email) });
    const [row] = existing
      ? await tx.update(users).set({ name: input.name, roles: input.roles, active: true, passwordHash }).where(eq(users.id, existing.id)).returning()
      : await tx.insert(users).values({ email, name: input.name, roles: input.roles, passwordHash }).returning();
    await appendAudit(tx, by, { action: existing ? "user.reenabled" : "user.created", target: email, detail: { roles: input.roles } });
    return { user: publicUser(row), password, created: !existing };
  });
}

/**
 * Changes roles or the active flag. Two rules keep the system administrable: the last active
 * admin cannot lose the role (or be disabled), and nobody can disable themselves.
 */
export async function updateUser(db: Db, id: string, change: { roles?: Role[]; active?: boolean }, by: Caller): Promise<PublicUser> {
  return db.transaction(async (tx) => {
    // Serialise admin changes so that two concurrent demotions cannot both see "another admin left".
    await tx.execute(sql`select pg_advisory_xact_lock(7461003)`);
    const user = await tx.query.users.findFirst({ where: eq(users.id, id) });
    if (!user) throw new ApiError(404, "not_found", `No user with id ${id}`);
    if (change.active === false && userIdOf(by) === id) {
      throw new ApiError(409, "conflict", "You cannot disable your own account", [{ path: "active", message: "cannot disable yourself" }]);
    }
    const losesAdmin = user.roles.includes("admin") && user.active && ((change.roles && !change.roles.includes("admin")) || change.active === false);
    if (losesAdmin) {
      const [{ count }] = await tx
        .select({ count: sql<number>`count(*)::int` })
        .from(users)
        .where(and(eq(users.active, true), ne(users.id, id), sql`'admin' = any(${users.roles})`));
      if (count === 0) {
        throw new ApiError(409, "conflict", "The last admin cannot lose the admin role", [
          { path: change.roles ? "roles" : "active", message: "at least one active admin must remain" },
        ]);
      }
    }
    const [row] = await tx
      .update(users)
      .set({ ...(change.roles ? { roles: change.roles } : {}), ...(change.active !== undefined ? { active: change.active } : {}) })
      .where(eq(users.id, id))
      .returning();
    await appendAudit(tx, by, {
      action: "user.updated",
      target: user.email,
      detail: { before: { roles: user.roles, active: user.active }, after: { roles: row.roles, active: row.active } },
    });
    return publicUser(row);
  });
}

/**
 * A person signing in through single sign-on: created on first sign-in, with roles kept in step
 * with the identity provider's claim at every sign-in. An account disabled here stays disabled.
 */
export async function syncSsoUser(db: Db, input: { email: string; name: string; roles: Role[] }, by: { ip?: string | null }): Promise<User | null> {
  const email = normaliseEmail(input.email);
  return db.transaction(async (tx) => {
    const existing = await tx.query.users.findFirst({ where: eq(users.email, email) });
    if (existing && !existing.active) return null;
    const same = existing && existing.roles.length === input.roles.length && input.roles.every((r) => existing.roles.includes(r));
    if (existing && same) return existing;
    const [row] = existing
      ? await tx.update(users).set({ roles: input.roles }).where(eq(users.id, existing.id)).returning()
      : await tx.insert(users).values({ email, name: input.name, roles: input.roles, passwordHash: null }).returning();
    await appendAudit(
      tx,
      { actor: "system", ip: by.ip ?? null },
      {
        action: existing ? "user.roles_synced" : "user.created",
        target: email,
        detail: { source: "oidc", before: existing?.roles ?? null, after: input.roles },
      },
    );
    return row;
  });
}

/** Stores a key (hashed) and returns the full key: the only time it is ever shown. */
export async function createApiKey(db: Db, input: { name: string; scopes: Scope[]; key?: string }, by: Caller): Promise<PublicKey & { key: string }> {
  const key = input.key ?? generateKey();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({ name: input.name, prefix: prefixOf(key), keyHash: hashKey(key), scopes: input.scopes, createdBy: by.actor })
      .returning();
    await appendAudit(tx, by, { action: "key.created", target: row.prefix, detail: { name: input.name, scopes: input.scopes, id: row.id } });
    return { ...publicKey(row), key };
  });
}

export async function revokeApiKey(db: Db, id: string, by: Caller): Promise<PublicKey> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning();
    if (!row) {
      const exists = await tx.query.apiKeys.findFirst({ where: eq(apiKeys.id, id) });
      if (!exists) throw new ApiError(404, "not_found", `No API key with id ${id}`);
      throw new ApiError(409, "conflict", `API key ${exists.prefix} is already revoked`);
    }
    await appendAudit(tx, by, { action: "key.revoked", target: row.prefix, detail: { id } });
    return publicKey(row);
  });
}
