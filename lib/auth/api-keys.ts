import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { apiKeys } from "@/drizzle/schema";
import { ApiError } from "@/lib/api/errors";
import { appendAudit } from "@/lib/audit/append";
import type { Db } from "@/lib/db";
import type { KeyPrincipal } from "./principal";
import type { Scope } from "./permissions";

const KEY_PREFIX_LENGTH = 12;
// last_used_at is a hint for people, not an exact log: write it at most once a minute per key.
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function generateKey(): string {
  return `plb_${randomBytes(24).toString("base64url")}`;
}

export function prefixOf(key: string): string {
  return key.slice(0, KEY_PREFIX_LENGTH);
}

export interface PublicKey {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

function publicKey(row: typeof apiKeys.$inferSelect): PublicKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as Scope[],
    created_by: row.createdBy,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
  };
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

export async function listApiKeys(db: Db): Promise<PublicKey[]> {
  return (await db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt))).map(publicKey);
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

/** The key's principal, or null when it is unknown or revoked. */
export async function authenticateKey(db: Db, key: string): Promise<KeyPrincipal | null> {
  const row = await db.query.apiKeys.findFirst({ where: eq(apiKeys.keyHash, hashKey(key)) });
  if (!row || row.revokedAt) return null;
  const now = new Date();
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS)))));
  return { kind: "key", id: row.id, prefix: row.prefix, scopes: row.scopes as Scope[] };
}
