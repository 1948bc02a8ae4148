import "server-only";
import { and, asc, eq, desc, isNull, lt, max, or } from "drizzle-orm";
import { users, apiKeys, auditLog, ssoIdentities } from "@/drizzle/schema";
import type { Db, DbOrTx } from "@/lib/db";
import { hashKey } from "./api-keys";
import type { Role, Scope } from "./permissions";
import type { KeyPrincipal } from "./principal";

export type User = typeof users.$inferSelect;

export type SignInMethod = "password" | "sso" | "both";

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  active: boolean;
  must_change_password: boolean;
  /** How the person signs in: a password of ours, a single sign-on identity, or either. */
  sign_in: SignInMethod;
  last_sign_in_at: string | null;
}

export function publicUser(user: User, facts: { sso?: boolean; lastSignInAt?: Date | null } = {}): PublicUser {
  const password = user.passwordHash !== null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles as Role[],
    active: user.active,
    must_change_password: user.mustChangePassword,
    sign_in: password && facts.sso ? "both" : password ? "password" : "sso",
    last_sign_in_at: facts.lastSignInAt?.toISOString() ?? null,
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<User | undefined> {
  return db.query.users.findFirst({ where: eq(users.email, normaliseEmail(email)) });
}

export async function findUserById(db: DbOrTx, id: string): Promise<User | undefined> {
  return db.query.users.findFirst({ where: eq(users.id, id) });
}

/** The account a provider's subject signs in to, once it has signed in here before. */
export async function findSsoAccountId(db: DbOrTx, issuer: string, subject: string): Promise<string | undefined> {
  const identity = await db.query.ssoIdentities.findFirst({ where: and(eq(ssoIdentities.issuer, issuer), eq(ssoIdentities.subject, subject)) });
  return identity?.userId;
}

/** One account as `listUsers` describes it: how it signs in and when it last did. */
export async function describeUser(db: DbOrTx, user: User): Promise<PublicUser> {
  const sso = await db.query.ssoIdentities.findFirst({ where: eq(ssoIdentities.userId, user.id) });
  const [signIn] = await db
    .select({ at: max(auditLog.ts) })
    .from(auditLog)
    .where(and(eq(auditLog.action, "auth.signin"), eq(auditLog.outcome, "success"), eq(auditLog.target, user.email)));
  return publicUser(user, { sso: sso !== undefined, lastSignInAt: signIn?.at ?? null });
}

/** Every account with how it signs in and when it last did (successful sign-ins in the audit trail). */
export async function listUsers(db: Db): Promise<PublicUser[]> {
  const [rows, sso, signIns] = await Promise.all([
    db.select().from(users).orderBy(asc(users.email)),
    db.selectDistinct({ userId: ssoIdentities.userId }).from(ssoIdentities),
    db
      .select({ email: auditLog.target, at: max(auditLog.ts) })
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.signin"), eq(auditLog.outcome, "success")))
      .groupBy(auditLog.target),
  ]);
  const withSso = new Set(sso.map((s) => s.userId));
  const lastSignIn = new Map(signIns.map((s) => [s.email, s.at]));
  return rows.map((row) => publicUser(row, { sso: withSso.has(row.id), lastSignInAt: lastSignIn.get(row.email) ?? null }));
}

// last_used_at is a hint for people, not an exact log: write it at most once a minute per key.
const LAST_USED_RESOLUTION_MS = 60_000;

export interface PublicKey {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  expires_at: string | null;
}

export function publicKey(row: typeof apiKeys.$inferSelect): PublicKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as Scope[],
    created_by: row.createdBy,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
    expires_at: row.expiresAt?.toISOString() ?? null,
  };
}

export async function listApiKeys(db: Db): Promise<PublicKey[]> {
  return (await db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt))).map(publicKey);
}

/** The key's principal, or null when it is unknown, revoked or past its expiry. */
export async function authenticateKey(db: Db, key: string): Promise<KeyPrincipal | null> {
  const row = await db.query.apiKeys.findFirst({ where: eq(apiKeys.keyHash, hashKey(key)) });
  const now = new Date();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS)))));
  return { kind: "key", id: row.id, prefix: row.prefix, scopes: row.scopes as Scope[] };
}
