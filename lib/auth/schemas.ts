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

export const idParamSchema = z.uuid();
