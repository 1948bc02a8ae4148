/**
 * What a webhook receiver gets: the body (ours, or Slack's shape), the signature over
 * "<timestamp>.<body>", and when to try again after a failure. Pure: no clock, no randomness
 * of its own, no I/O.
 */
import { createHmac } from "node:crypto";
import type { OutboxEventName, WebhookFormat } from "@/drizzle/schema/incidents";

export function signatureHeaders(secret: string, timestampSeconds: number, body: string): Record<string, string> {
  const hex = createHmac("sha256", secret).update(`${timestampSeconds}.${body}`).digest("hex");
  return { "X-Plumbline-Timestamp": String(timestampSeconds), "X-Plumbline-Signature": `sha256=${hex}` };
}

/** One line a person reads in a chat channel. */
export function describeEvent(event: OutboxEventName, data: Record<string, unknown>): string {
  const s = (key: string) => String(data[key] ?? "");
  switch (event) {
    case "incident.opened":
      return `[${s("severity")}] Incident opened: ${s("summary")}`;
    case "incident.acknowledged":
      return `Incident acknowledged by ${s("acknowledged_by")}: ${s("summary")}`;
    case "incident.resolved":
      return `Incident resolved${data.resolved_by === "system" ? " (condition cleared)" : ` by ${s("resolved_by")}`}: ${s("summary")}`;
    case "promotion.executed":
      return `${s("model")} ${s("version")} promoted to ${s("target_stage")}${data.previous_version ? ` (replacing ${s("previous_version")})` : ""}`;
    case "rollback.executed":
      return `${s("model")} rolled back to ${s("to_version")} by ${s("by")}: ${s("reason")}`;
    case "webhook.test":
      return "Test delivery from Plumbline: this webhook is reachable and its signature can be checked";
  }
}

export function renderBody(format: WebhookFormat, event: OutboxEventName, at: Date, data: Record<string, unknown>): string {
  if (format === "json") return JSON.stringify({ event, at: at.toISOString(), data });
  const text = describeEvent(event, data);
  return JSON.stringify({
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text } },
      { type: "context", elements: [{ type: "mrkdwn", text: `${event} · ${at.toISOString()}` }] },
    ],
  });
}

/** Retries stop once a delivery is this old. */
export const RETRY_FOR_MS = 24 * 3_600_000;
const MAX_DELAY_MS = 3_600_000;

/**
 * Exponential backoff with jitter: attempt n waits between half and all of base·2^(n−1), at most
 * an hour, so that many deliveries failing together do not come back together.
 */
export function retryDelayMs(attempt: number, baseMs: number, random: number): number {
  const ceiling = Math.min(MAX_DELAY_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling * (0.5 + random * 0.5));
}
