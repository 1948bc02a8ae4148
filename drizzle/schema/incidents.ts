import { sql } from "drizzle-orm";
import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const SEVERITIES = ["info", "warning", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What a rule saw at its last evaluation; `no_data` is neither firing nor clear. */
export const RULE_STATES = ["ok", "pending", "firing", "no_data"] as const;
export type RuleState = (typeof RULE_STATES)[number];

export const INCIDENT_STATUSES = ["open", "acknowledged", "resolved"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** `{model, version?}` for model kinds (no version: whichever is in production), `{pipeline}` for pipeline kinds. */
export type RuleTarget = { model: string; version?: string } | { pipeline: string };

/**
 * An alert rule. `kind` is text, not an enum: the kinds live in code (lib/incidents/kinds.ts), so a
 * new kind needs no migration. Rules are deleted softly: their incidents keep naming them.
 */
export const alertRules = pgTable(
  "alert_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    target: jsonb("target").$type<RuleTarget>().notNull(),
    condition: jsonb("condition").$type<Record<string, unknown>>().notNull(),
    severity: text("severity").$type<Severity>().notNull(),
    webhookIds: jsonb("webhook_ids").$type<string[]>().notNull().default([]),
    description: text("description").notNull().default(""),
    runbookUrl: text("runbook_url"),
    silencedUntil: timestamp("silenced_until", { withTimezone: true }),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    // The evaluator's memory between ticks: how long the condition has held, and what it saw last.
    state: text("state").$type<RuleState>(),
    pendingSince: timestamp("pending_since", { withTimezone: true }),
    lastValue: doublePrecision("last_value"),
    lastEvaluatedAt: timestamp("last_evaluated_at", { withTimezone: true }),
  },
  (t) => [index("alert_rules_live").on(t.deletedAt)],
);

export const incidents = pgTable(
  "incidents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ruleId: uuid("rule_id")
      .notNull()
      .references(() => alertRules.id),
    /** The rule's target as it was when the incident opened, version resolved. */
    target: jsonb("target").$type<RuleTarget>().notNull(),
    targetKey: text("target_key").notNull(),
    kind: text("kind").notNull(),
    severity: text("severity").$type<Severity>().notNull(),
    status: text("status").$type<IncidentStatus>().notNull().default("open"),
    summary: text("summary").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    acknowledgedBy: text("acknowledged_by"),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: text("resolved_by"),
  },
  (t) => [
    // One incident per rule and target while it is not resolved, even when two evaluators race.
    uniqueIndex("incidents_one_open_per_rule_target")
      .on(t.ruleId, t.targetKey)
      .where(sql`status <> 'resolved'`),
    index("incidents_status_opened").on(t.status, t.openedAt),
  ],
);

/** What happened to an incident: firing and resolving with values, notes, state changes. */
export const incidentEvents = pgTable(
  "incident_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id),
    kind: text("kind").notNull(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    actor: text("actor").notNull(),
    text: text("text").notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("incident_events_incident_at").on(t.incidentId, t.at)],
);

export const WEBHOOK_EVENTS = ["incident.opened", "incident.acknowledged", "incident.resolved", "promotion.executed", "rollback.executed"] as const;
export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];
/** The "send test" event: never subscribable, sent only to the webhook under test. */
export type OutboxEventName = WebhookEventName | "webhook.test";

export const WEBHOOK_FORMATS = ["json", "slack"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export const webhooks = pgTable("webhooks", {
  id: uuid("id").primaryKey().defaultRandom(),
  url: text("url").notNull(),
  events: jsonb("events").$type<WebhookEventName[]>().notNull(),
  format: text("format").$type<WebhookFormat>().notNull().default("json"),
  /** AES-256-GCM under a key derived from the server secret: the sender needs it back to sign. */
  secretCiphertext: text("secret_ciphertext").notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Outgoing events, written in the same transaction as the change they announce, so a sender
 * reading this table later can never announce a change that rolled back, nor miss one.
 * `dispatchedAt` is when the event was fanned out into one delivery per subscribed webhook.
 */
export const outboxEvents = pgTable(
  "outbox_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    event: text("event").$type<OutboxEventName>().notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    /** When set, only these subscribed webhooks receive the event (a rule's own webhooks, a test send). */
    onlyWebhookIds: jsonb("only_webhook_ids").$type<string[]>(),
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true }),
  },
  (t) => [index("outbox_events_pending").on(t.dispatchedAt, t.at)],
);

export const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => outboxEvents.id),
    webhookId: uuid("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    status: text("status").$type<DeliveryStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, precision: 3 }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [unique("webhook_deliveries_once").on(t.eventId, t.webhookId), index("webhook_deliveries_due").on(t.status, t.nextAttemptAt)],
);

export const webhookDeliveryAttempts = pgTable(
  "webhook_delivery_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    ok: boolean("ok").notNull(),
    statusCode: integer("status_code"),
    durationMs: integer("duration_ms").notNull(),
    error: text("error"),
  },
  (t) => [index("webhook_delivery_attempts_delivery").on(t.deliveryId, t.at)],
);

/** One row per background loop: the last time slot it ran, so N replicas run each slot once. */
export const backgroundTicks = pgTable("background_ticks", {
  loop: text("loop").primaryKey(),
  lastSlot: timestamp("last_slot", { withTimezone: true }).notNull(),
  durationMs: integer("duration_ms"),
});
