import "server-only";
import { SYSTEM_CALLER, userIdOf, type Caller } from "@/lib/auth/caller";
import { and, eq, ne, sql, isNull } from "drizzle-orm";
import { users, apiKeys, ssoIdentities } from "@/drizzle/schema";
import { appendAudit } from "@/lib/audit/append";
import { isUniqueViolation, type Db, type Tx } from "@/lib/db";
import { Conflict, Invalid, NotFound, Refused } from "@/lib/errors";
import { hashPassword, oneTimePassword, verifyPassword } from "./password";
import type { Role, Scope } from "./permissions";
import { generateKey, hashKey, prefixOf } from "./api-keys";
import type { SsoIdentity } from "./oidc-claims";
import {
  describeUser,
  findSsoAccountId,
  findUserByEmail,
  findUserById,
  normaliseEmail,
  publicKey,
  publicUser,
  type PublicKey,
  type PublicUser,
  type User,
} from "./queries";

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
      // A password we chose is for one sign-in only: the person sets their own straight after.
      const mustChangePassword = input.password === undefined;
      const [row] = await tx.insert(users).values({ email, name: input.name, roles: input.roles, passwordHash, mustChangePassword }).returning();
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
    const account = { name: input.name, roles: input.roles, passwordHash, mustChangePassword: input.password === undefined };
    const [row] = existing
      ? await tx
          .update(users)
          .set({ ...account, active: true, sessionsValidFrom: new Date() })
          .where(eq(users.id, existing.id))
          .returning()
      : await tx
          .insert(users)
          .values({ email, ...account })
          .returning();
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
    if (!user) throw new NotFound("user", id, `No user with id ${id}`);
    if (change.active === false && userIdOf(by) === id) {
      throw new Conflict("You cannot disable your own account: another admin must do it", [{ path: "active", message: "cannot disable yourself" }]).audited({
        action: "user.updated",
        target: user.email,
        detail: { refused: "self-disable", change },
      });
    }
    const losesAdmin = user.roles.includes("admin") && user.active && ((change.roles && !change.roles.includes("admin")) || change.active === false);
    if (losesAdmin) {
      const [{ count }] = await tx
        .select({ count: sql<number>`count(*)::int` })
        .from(users)
        .where(and(eq(users.active, true), ne(users.id, id), sql`'admin' = any(${users.roles})`));
      if (count === 0) {
        throw new Conflict("The last active admin cannot lose the admin role: make someone else an admin first", [
          { path: change.roles ? "roles" : "active", message: "at least one active admin must remain" },
        ]).audited({ action: "user.updated", target: user.email, detail: { refused: "last-admin", change } });
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
    return describeUser(tx, row);
  });
}

// Serialises SSO account resolution on every replica, so two first sign-ins of one person
// cannot both create an account or both link one.
const SSO_ACCOUNT_LOCK_KEY = 7_461_004;

/**
 * The account a single sign-on identity signs in to, if it holds at least one Plumbline role. A
 * known (issuer, subject) always reaches its own account, whatever email the provider asserts now.
 * An unknown one creates an account, or links to the account holding its email only when the
 * provider verified that email and the account has no other identity at this provider. Roles
 * follow the provider's claim at every sign-in; an account disabled here stays out. A refusal is
 * returned, not thrown, and changes nothing, so that the caller's audit entry for it commits.
 */
export async function resolveSsoAccount(tx: Tx, identity: SsoIdentity): Promise<{ user: User } | { refused: string }> {
  const { issuer, subject, email, roles } = identity;
  if (!roles.length) return { refused: "no Plumbline role in the roles claim" };
  await tx.execute(sql`select pg_advisory_xact_lock(${SSO_ACCOUNT_LOCK_KEY})`);
  const knownUserId = await findSsoAccountId(tx, issuer, subject);
  const existing = knownUserId ? await findUserById(tx, knownUserId) : await findUserByEmail(tx, email);
  if (existing && !knownUserId) {
    if (!identity.emailVerified) return { refused: "email not verified by the provider: not linked to the existing account" };
    const other = await tx.query.ssoIdentities.findFirst({ where: and(eq(ssoIdentities.issuer, issuer), eq(ssoIdentities.userId, existing.id)) });
    if (other) return { refused: "the account with this email is linked to another identity at this provider" };
  }
  if (existing && !existing.active) return { refused: "account disabled" };

  const user = existing ? await syncRoles(tx, existing, roles) : await createSsoUser(tx, identity);
  if (knownUserId) {
    await tx
      .update(ssoIdentities)
      .set({ email, lastSignInAt: new Date() })
      .where(and(eq(ssoIdentities.issuer, issuer), eq(ssoIdentities.subject, subject)));
  } else {
    await tx.insert(ssoIdentities).values({ issuer, subject, userId: user.id, email });
    if (existing) await appendAudit(tx, SYSTEM_CALLER, { action: "user.sso_linked", target: user.email, detail: { issuer, subject } });
  }
  return { user };
}

async function createSsoUser(tx: Tx, { issuer, subject, email, name, roles }: SsoIdentity): Promise<User> {
  const [user] = await tx.insert(users).values({ email, name, roles, passwordHash: null }).returning();
  await appendAudit(tx, SYSTEM_CALLER, { action: "user.created", target: email, detail: { source: "oidc", issuer, subject, roles } });
  return user;
}

async function syncRoles(tx: Tx, user: User, roles: SsoIdentity["roles"]): Promise<User> {
  const same = user.roles.length === roles.length && roles.every((r) => user.roles.includes(r));
  if (same) return user;
  const [row] = await tx.update(users).set({ roles }).where(eq(users.id, user.id)).returning();
  await appendAudit(tx, SYSTEM_CALLER, { action: "user.roles_synced", target: user.email, detail: { source: "oidc", before: user.roles, after: roles } });
  return row;
}

/** Stores a key (hashed) and returns the full key: the only time it is ever shown. */
export async function createApiKey(
  db: Db,
  input: { name: string; scopes: Scope[]; key?: string; expires_at?: string | null },
  by: Caller,
): Promise<PublicKey & { key: string }> {
  const key = input.key ?? generateKey();
  const expiresAt = input.expires_at ? new Date(input.expires_at) : null;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({ name: input.name, prefix: prefixOf(key), keyHash: hashKey(key), scopes: input.scopes, createdBy: by.actor, expiresAt })
      .returning();
    await appendAudit(tx, by, {
      action: "key.created",
      target: row.prefix,
      detail: { name: input.name, scopes: input.scopes, id: row.id, expires_at: expiresAt?.toISOString() ?? null },
    });
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
      if (!exists) throw new NotFound("API key", id, `No API key with id ${id}`);
      throw new Conflict(`API key ${exists.prefix} is already revoked`);
    }
    await appendAudit(tx, by, { action: "key.revoked", target: row.prefix, detail: { id } });
    return publicKey(row);
  });
}

/**
 * An admin gives someone a new one-time password: their sessions end, and they choose their own
 * password at the next sign-in. Accounts that sign in only through single sign-on have no password
 * here to reset.
 */
export async function resetPassword(db: Db, id: string, by: Caller): Promise<{ id: string; email: string; one_time_password: string }> {
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const user = await findUserById(tx, id);
    if (!user) throw new NotFound("user", id, `No user with id ${id}`);
    const refused = (reason: string) => ({ action: "user.password_reset", target: user.email, detail: { refused: reason } });
    if (userIdOf(by) === id) throw new Conflict("Change your own password on your account page, with your current password").audited(refused("own-account"));
    if (user.passwordHash === null)
      throw new Conflict(`${user.email} signs in through single sign-on only: the provider manages their password`).audited(refused("single-sign-on-only"));
    await tx.update(users).set({ passwordHash, mustChangePassword: true, sessionsValidFrom: new Date() }).where(eq(users.id, id));
    await appendAudit(tx, by, { action: "user.password_reset", target: user.email, detail: {} });
    return { id, email: user.email, one_time_password: password };
  });
}

/**
 * A person changes their own password, proving the current one. Every session of theirs that began
 * before ends; the caller signs in again with the new password.
 */
export async function changeOwnPassword(db: Db, input: { current_password: string; new_password: string }, by: Caller): Promise<{ changed: true }> {
  const id = userIdOf(by);
  if (!id) throw new Refused("Only a signed-in person has a password to change");
  const user = await findUserById(db, id);
  if (!user) throw new NotFound("user", id);
  if (user.passwordHash === null) throw new Conflict("You sign in through single sign-on: change your password at your identity provider");
  if (!(await verifyPassword(input.current_password, user.passwordHash))) {
    throw new Invalid([{ path: "current_password", message: "is not your current password" }]).audited({
      action: "user.password_changed",
      target: user.email,
      detail: { reason: "wrong current password" },
    });
  }
  if (input.new_password === input.current_password) throw new Invalid([{ path: "new_password", message: "must differ from the current password" }]);
  const passwordHash = await hashPassword(input.new_password);
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false, sessionsValidFrom: new Date() }).where(eq(users.id, id));
    await appendAudit(tx, by, { action: "user.password_changed", target: user.email, detail: {} });
    return { changed: true as const };
  });
}
