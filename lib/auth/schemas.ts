import { z } from "zod";
import { DEMO_PASSWORD } from "@/lib/demo/fleet";
import { ROLES, SCOPES } from "./permissions";

const roles = z
  .array(z.enum(ROLES))
  .min(1, "at least one role")
  .refine((r) => new Set(r).size === r.length, "roles must not repeat");

export const scopesSchema = z
  .array(z.enum(SCOPES))
  .min(1, "at least one scope")
  .refine((s) => new Set(s).size === s.length, "scopes must not repeat");

export const MIN_PASSWORD_LENGTH = 12;

/** A password a person chooses: long enough, and never the demo accounts' well-known one. */
export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024, "at most 1024 characters")
  .refine((p) => p !== DEMO_PASSWORD, "must not be the demo password");

export const createUserSchema = z.object({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  roles,
});

export const updateUserSchema = z
  .object({ roles: roles.optional(), active: z.boolean().optional() })
  .refine((v) => v.roles !== undefined || v.active !== undefined, "give roles, active, or both");

export const createKeySchema = z.object({
  name: z.string().trim().min(1, "is required").max(100, "at most 100 characters"),
  scopes: scopesSchema,
  expires_at: z.iso
    .datetime({ offset: true })
    .refine((at) => Date.parse(at) > Date.now(), "must be in the future")
    .nullish(),
});

export const changePasswordSchema = z.object({
  current_password: z.string().min(1, "is required").max(1024),
  new_password: newPasswordSchema,
});

export const principalSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("user"), id: z.string(), email: z.string(), name: z.string(), roles: z.array(z.enum(ROLES)) }),
  z.object({ kind: z.literal("key"), id: z.string(), prefix: z.string(), scopes: z.array(z.enum(SCOPES)) }),
]);

export const idParamSchema = z.uuid();

const iso = z.string();

export const publicUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
  active: z.boolean(),
  must_change_password: z.boolean(),
  sign_in: z.enum(["password", "sso", "both"]),
  last_sign_in_at: iso.nullable(),
});

export const usersListSchema = z.object({ users: z.array(publicUserSchema) });
export const createdUserSchema = publicUserSchema.extend({ one_time_password: z.string() });
export const passwordResetSchema = z.object({ id: z.string(), email: z.string(), one_time_password: z.string() });

export const publicKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(SCOPES)),
  created_by: z.string(),
  created_at: iso,
  last_used_at: iso.nullable(),
  revoked_at: iso.nullable(),
  expires_at: iso.nullable(),
});

export const keysListSchema = z.object({ keys: z.array(publicKeySchema) });
export const createdKeySchema = publicKeySchema.extend({ key: z.string() });
export const passwordChangedSchema = z.object({ changed: z.literal(true) });

export type PublicUserView = z.infer<typeof publicUserSchema>;
export type PublicKeyView = z.infer<typeof publicKeySchema>;
