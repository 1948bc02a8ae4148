import { bigint, index, inet, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Append-only and hash-chained: a trigger (see the custom migration) refuses UPDATE, DELETE and
 * TRUNCATE, and `hash = sha256(prev_hash ‖ canonical JSON of the entry)` makes any rewrite visible.
 * `seq` is assigned by the appender under an advisory lock, so the chain has no gaps or forks.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey(),
    ts: timestamp("ts", { withTimezone: true, precision: 3 }).notNull(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    target: text("target").notNull(),
    outcome: text("outcome").$type<"success" | "failure" | "denied">().notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull(),
    ip: inet("ip"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull().unique(),
  },
  (t) => [index("audit_log_ts").on(t.ts), index("audit_log_actor").on(t.actor), index("audit_log_action").on(t.action)],
);

/**
 * The chain's head as it was published (to the log and to webhooks), once an hour. Append-only
 * like the trail itself. What proves a tail was cut is the copy kept outside: an operator replays
 * a published `{seq, head_hash}` through `GET /audit/verify?seq=&head_hash=`.
 */
export const auditCheckpoints = pgTable(
  "audit_checkpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    headHash: text("head_hash").notNull(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index("audit_checkpoints_at").on(t.at)],
);
