import { z } from "zod";
import { ROLES, SCOPES } from "./permissions";

const roles = z
  .array(z.enum(ROLES))
  .min(1, "at least one role")
  .refine((r) => new Set(r).size === r.length, "roles must not repeat");

export const createUserSchema = z.object({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  roles,
});

export const updateUserSchema = z
  .object({ roles: roles.optional(), active: z.boolean().optional() })
  .refine((v) => v.roles !== undefined || v.active !== undefined, "give roles, active, or both");

export const createKeySchema = z.object({
  name: z.string().trim().min(1).max(200),
  scopes: z
    .array(z.enum(SCOPES))
    .min(1, "at least one scope")
    .refine((s) => new Set(s).size === s.length, "scopes must not repeat"),
});

export const principalSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("user"), id: z.string(), email: z.string(), name: z.string(), roles: z.array(z.enum(ROLES)) }),
  z.object({ kind: z.literal("key"), id: z.string(), prefix: z.string(), scopes: z.array(z.enum(SCOPES)) }),
]);

export const publicUserSchema = z.object({ id: z.uuid(), email: z.string(), name: z.string(), roles: z.array(z.enum(ROLES)), active: z.boolean() });
export const userListSchema = z.object({ users: z.array(publicUserSchema) });
/** The one answer that carries the password: shown once, never stored in clear. */
export const createdUserSchema = publicUserSchema.extend({ one_time_password: z.string() });

export const publicKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(SCOPES)),
  created_by: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});
export const keyListSchema = z.object({ keys: z.array(publicKeySchema) });
/** The one answer that carries the full key. */
export const createdKeySchema = z.object({ id: z.uuid(), key: z.string(), prefix: z.string(), scopes: z.array(z.enum(SCOPES)), name: z.string() });
