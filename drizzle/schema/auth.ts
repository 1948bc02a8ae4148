import { sql } from "drizzle-orm";
import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash"),
  roles: text("roles")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  active: boolean("active").notNull().default(true),
  /** Set with a one-time password: the person chooses their own before doing anything else. */
  mustChangePassword: boolean("must_change_password").notNull().default(false),
  /** Sessions that began before this moment have ended (a password change or reset ends them). */
  sessionsValidFrom: timestamp("sessions_valid_from", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const apiKeys = pgTable("api_keys", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  prefix: text("prefix").notNull().unique(),
  // sha256 of the full key: keys carry 190+ bits of entropy, so a slow hash buys nothing.
  keyHash: text("key_hash").notNull().unique(),
  scopes: text("scopes").array().notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
  /** Past this moment the key is refused like a revoked one; null: it does not expire. */
  expiresAt: timestamp("expires_at", { withTimezone: true }),
});

/** Failed sign-ins, kept in the database so that every replica counts the same attempts. */
export const signinFailures = pgTable(
  "signin_failures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("signin_failures_email_ip_at").on(t.email, t.ip, t.at)],
);

/**
 * Single sign-on identities: the provider's issuer and subject, which never change for a person,
 * instead of the email claim, which can. An account has at most one identity per provider.
 */
export const ssoIdentities = pgTable(
  "sso_identities",
  {
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // The email the provider asserted last, for the record: the account's own email does not follow it.
    email: text("email").notNull(),
    linkedAt: timestamp("linked_at", { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp("last_signin_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] }), uniqueIndex("sso_identities_issuer_user").on(t.issuer, t.userId)],
);
