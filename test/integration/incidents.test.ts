import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_KEY, keySession, Session, signedIn } from "../support/http";
import { createScratchDatabase, startServer } from "../support/servers";
import { startReceiver, waitFor } from "../support/webhook-receiver";

const PORT = Number(process.env.PLUMBLINE_TEST_PORT ?? 3101);
// These suites start servers of their own, seeding the demo each time: minutes on a busy machine.
const SLOW_START_MS = Math.max(300, Number(process.env.PLUMBLINE_TEST_READY_SECONDS ?? 0)) * 1000;
const SECRET = "receiver-shared-secret-0123456789";
const unique = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
// Short ticks and retries, loopback receivers: what these tests need, not what production runs with.
const FAST = {
  PLUMBLINE_SIMULATOR: "0",
  PLUMBLINE_EVAL_INTERVAL_SECONDS: "1",
  PLUMBLINE_WEBHOOK_ALLOW_PRIVATE: "1",
  PLUMBLINE_WEBHOOK_RETRY_BASE_SECONDS: "1",
};

interface Incident {
  id: string;
  rule_id: string;
  status: string;
  severity: string;
  summary: string;
  acknowledged_by: string | null;
  timeline?: { at: string; kind: string; text: string; actor?: string }[];
}

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/** A model of its own with v1 reporting a p95 latency of `value` ms now, and a rule that fires above 100 ms. */
async function firingRule(baseUrl: string, who: Session, webhookIds: string[]): Promise<{ model: string; ruleId: string }> {
  const model = `inc-${unique()}`;
  const system = keySession(baseUrl, DEMO_KEY);
  await json(await system.request("POST", "/api/v1/models", { name: model }), 201);
  await json(await system.request("POST", `/api/v1/models/${model}/versions`, { version: "v1" }), 201);
  const points = [{ model, version: "v1", metric: "latency_p95_ms", ts: new Date().toISOString(), value: 480 }];
  await json(await system.request("POST", "/api/v1/ingest/metrics", { points }), 202);
  const rule = await json<{ id: string }>(
    await who.request("POST", "/api/v1/alert-rules", {
      name: `p95 of ${model}`,
      kind: "metric_threshold",
      target: { model, version: "v1" },
      condition: { metric: "latency_p95_ms", aggregation: "max", window_seconds: 300, op: ">", threshold: 100 },
      severity: "critical",
      webhook_ids: webhookIds,
    }),
    201,
  );
  return { model, ruleId: rule.id };
}

async function incidentsOf(session: Session, ruleId: string): Promise<Incident[]> {
  const { incidents } = await json<{ incidents: Incident[] }>(await session.get("/api/v1/incidents"), 200);
  return incidents.filter((i) => i.rule_id === ruleId);
}

async function webhook(session: Session, url: string, events = ["incident.opened", "incident.acknowledged", "incident.resolved"]): Promise<string> {
  return (await json<{ id: string }>(await session.request("POST", "/api/v1/webhooks", { url, events, secret: SECRET }), 201)).id;
}

const postgresUrl = inject("postgresAdminUrl");
const engines = [{ engine: "pglite" as const, port: PORT + 2 }, ...(postgresUrl ? [{ engine: "postgres" as const, port: PORT + 3 }] : [])];

describe.each(engines)("incidents and webhooks on $engine", ({ engine, port }) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let env: Record<string, string>;
  const cleanups: (() => Promise<void>)[] = [];
  let oncall: Session;
  let viewer: Session;

  beforeAll(async () => {
    if (engine === "pglite") {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "plumbline-incidents-"));
      cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
      env = { ...FAST, PLUMBLINE_DATA_DIR: dataDir };
    } else {
      const scratch = await createScratchDatabase(postgresUrl!, "inc");
      cleanups.push(scratch.drop);
      env = { ...FAST, DATABASE_URL: scratch.url };
    }
    server = await startServer(port, env, { readyWithinMs: SLOW_START_MS });
    [oncall, viewer] = await Promise.all([signedIn(server.baseUrl, "oncall@example.com"), signedIn(server.baseUrl, "viewer@example.com")]);
  }, SLOW_START_MS + 60_000);

  afterAll(async () => {
    await server?.stop();
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("a firing rule opens one incident; the signed delivery is retried after two 500s; ack, resolve and notes follow the rules", async () => {
    const receiver = await startReceiver(PORT + 4, SECRET, ({ event, nth }) => (event === "incident.opened" && nth <= 2 ? 500 : 200));
    try {
      const hookId = await webhook(oncall, receiver.url);
      const { ruleId } = await firingRule(server.baseUrl, oncall, [hookId]);
      const [incident] = await waitFor("the incident to open", async () => {
        const found = await incidentsOf(viewer, ruleId);
        return found.length ? found : null;
      });
      expect(incident).toMatchObject({ status: "open", severity: "critical" });
      expect(incident.summary).toContain("480 ms > 100 ms");

      const opened = await waitFor("the third attempt", async () => {
        const got = receiver.received.filter((r) => r.event === "incident.opened");
        return got.length >= 3 ? got : null;
      });
      expect(opened.map((r) => [r.verified, r.answered])).toEqual([
        [true, 500],
        [true, 500],
        [true, 200],
      ]);
      expect(opened[2].body.data).toMatchObject({ id: incident.id, severity: "critical", status: "open" });
      // Backoff: each retry waits longer than the one before.
      expect(opened[2].at - opened[1].at).toBeGreaterThan((opened[1].at - opened[0].at) * 0.9);
      await new Promise((r) => setTimeout(r, 2500));
      expect(receiver.received.filter((r) => r.event === "incident.opened")).toHaveLength(3);
      expect(await incidentsOf(viewer, ruleId)).toHaveLength(1);

      const { deliveries } = await json<{ deliveries: { event: string; status: string; attempt_log: { status_code: number; duration_ms: number }[] }[] }>(
        await oncall.get(`/api/v1/webhooks/${hookId}/deliveries`),
        200,
      );
      const delivered = deliveries.find((d) => d.event === "incident.opened")!;
      expect(delivered.status).toBe("delivered");
      expect(delivered.attempt_log.map((a) => a.status_code)).toEqual([500, 500, 200]);
      const hooks = await json<{ webhooks: Record<string, unknown>[] }>(await oncall.get("/api/v1/webhooks"), 200);
      expect(JSON.stringify(hooks)).not.toContain(SECRET);

      // A viewer reads but cannot act.
      expect((await viewer.request("POST", `/api/v1/incidents/${incident.id}/ack`, {})).status).toBe(403);
      const acked = await json<Incident>(await oncall.request("POST", `/api/v1/incidents/${incident.id}/ack`, {}), 200);
      expect(acked).toMatchObject({ status: "acknowledged", acknowledged_by: "oncall@example.com" });
      await json(await oncall.request("POST", `/api/v1/incidents/${incident.id}/notes`, { text: "p95 up since the deploy; rolling back" }), 201);
      expect((await oncall.request("POST", `/api/v1/incidents/${incident.id}/ack`, {})).status).toBe(409);
      await json(await oncall.request("POST", `/api/v1/incidents/${incident.id}/resolve`, { comment: "rolled back" }), 200);
      const ackResolved = await oncall.request("POST", `/api/v1/incidents/${incident.id}/ack`, {});
      expect(ackResolved.status).toBe(409);
      expect(((await ackResolved.json()) as { error: { code: string } }).error.code).toBe("conflict");

      const detail = await json<Incident>(await viewer.get(`/api/v1/incidents/${incident.id}`), 200);
      expect(detail.timeline!.map((e) => e.kind)).toEqual(["opened", "acknowledged", "note", "resolved"]);
      expect(detail.timeline![2]).toMatchObject({ actor: "oncall@example.com", text: "p95 up since the deploy; rolling back" });
      const acks = await waitFor("the acknowledged and resolved events", async () => {
        const got = receiver.received.filter((r) => r.event !== "incident.opened").map((r) => r.event);
        return got.length >= 2 ? got : null;
      });
      // Deliveries run side by side, so arrival order is not promised; each event carries its own time.
      expect([...acks].sort()).toEqual(["incident.acknowledged", "incident.resolved"]);
      // The condition still holds and the incident was resolved by a person: the rule fires anew.
      await waitFor("a new incident for the still-firing rule", async () => (await incidentsOf(viewer, ruleId)).some((i) => i.status === "open"));
    } finally {
      await receiver.stop();
    }
  });

  it("bad input gets 422 naming the field, and nothing is stored", async () => {
    const model = "fraud-detector";
    const base = { name: "bad", kind: "metric_threshold", target: { model }, severity: "warning" };
    const condition = { metric: "latency_p95_ms", aggregation: "avg", window_seconds: 300, op: ">", threshold: 100 };
    const cases: [unknown, string][] = [
      [{ ...base, kind: "nonsense", condition }, "kind"],
      [{ ...base, condition: { share_at_least: 0.5 } }, "condition.metric"],
      [{ ...base, condition: { ...condition, window_seconds: -60 } }, "condition.window_seconds"],
      [{ ...base, condition: { ...condition, for_seconds: -1 } }, "condition.for_seconds"],
      [{ ...base, target: { model: "no-such-model" }, condition }, "target.model"],
      [{ ...base, kind: "pipeline_failed", target: { model }, condition: {} }, "target.pipeline"],
      [{ ...base, kind: "drift", condition: { metric: "x" } }, "condition"],
      [{ ...base, severity: "apocalyptic", condition }, "severity"],
      [{ ...base, condition, webhook_ids: ["00000000-0000-4000-8000-000000000000"] }, "webhook_ids[0]"],
    ];
    for (const [body, field] of cases) {
      const res = await oncall.request("POST", "/api/v1/alert-rules", body);
      const answer = (await res.json()) as { error: { details?: { path: string }[] } };
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(answer.error.details?.map((d) => d.path)).toContain(field);
    }
    // JSON has no Infinity, but 1e999 parses to it.
    const infinite = `{"name":"bad","kind":"metric_threshold","target":{"model":"${model}"},"severity":"info","condition":{"metric":"m","aggregation":"avg","window_seconds":60,"op":">","threshold":1e999}}`;
    const res = await oncall.request("POST", "/api/v1/alert-rules", infinite);
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain("condition.threshold");

    for (const [body, field] of [
      [{ url: "ftp://example.com/hook", events: ["incident.opened"], secret: SECRET }, "url"],
      [{ url: "http://127.0.0.1:9/x", events: ["incident.exploded"], secret: SECRET }, "events[0]"],
      [{ url: "http://127.0.0.1:9/x", events: ["incident.opened"], secret: "short" }, "secret"],
    ] as const) {
      const answer = await oncall.request("POST", "/api/v1/webhooks", body);
      expect(answer.status).toBe(422);
      expect(JSON.stringify(await answer.json())).toContain(`"path":"${field}"`);
    }
    const rules = await json<{ rules: { name: string }[] }>(await viewer.get("/api/v1/alert-rules"), 200);
    expect(rules.rules.filter((r) => r.name === "bad")).toEqual([]);
  });

  it(
    "an undelivered outbox row survives a restart and is delivered after it",
    async () => {
      const downPort = PORT + 5;
      const hookId = await webhook(oncall, `http://127.0.0.1:${downPort}/hook`, ["incident.opened"]);
      const test = await json<{ ok: boolean; error: string }>(await oncall.request("POST", `/api/v1/webhooks/${hookId}/test`), 200);
      expect(test.ok).toBe(false);
      await server.stop();
      const receiver = await startReceiver(downPort, SECRET);
      try {
        server = await startServer(port, env, { readyWithinMs: SLOW_START_MS });
        const got = await waitFor("the test event after the restart", async () => receiver.received.find((r) => r.event === "webhook.test"));
        expect(got.verified).toBe(true);
        oncall = await signedIn(server.baseUrl, "oncall@example.com");
        const { deliveries } = await json<{ deliveries: { status: string; attempts: number }[] }>(
          await oncall.get(`/api/v1/webhooks/${hookId}/deliveries`),
          200,
        );
        expect(deliveries[0].status).toBe("delivered");
        expect(deliveries[0].attempts).toBeGreaterThanOrEqual(2);
      } finally {
        await receiver.stop();
      }
    },
    SLOW_START_MS + 60_000,
  );
});

describe.runIf(postgresUrl)("two server processes on one PostgreSQL database", () => {
  const servers: Awaited<ReturnType<typeof startServer>>[] = [];
  let drop: () => Promise<void>;

  beforeAll(
    async () => {
      const scratch = await createScratchDatabase(postgresUrl!, "pair");
      drop = scratch.drop;
      // The first seeds the demo; the second finds it there.
      servers.push(await startServer(PORT + 6, { ...FAST, DATABASE_URL: scratch.url }, { readyWithinMs: SLOW_START_MS }));
      servers.push(await startServer(PORT + 7, { ...FAST, DATABASE_URL: scratch.url }, { readyWithinMs: SLOW_START_MS }));
    },
    2 * SLOW_START_MS + 60_000,
  );

  afterAll(async () => {
    for (const s of servers) await s.stop();
    await drop?.();
  });

  async function ticks(baseUrl: string): Promise<number | null> {
    const text = await fetch(`${baseUrl}/api/metrics`).then(
      (r) => r.text(),
      () => null,
    );
    const match = text && /^plumbline_alert_evaluator_ticks_total (\d+)/m.exec(text);
    return match ? Number(match[1]) : null;
  }

  it("a rule fires once: one incident, one delivery per event; kill -9 the evaluator and the other takes over within two ticks", async () => {
    const receiver = await startReceiver(PORT + 8, SECRET);
    try {
      const [a, b] = await Promise.all(servers.map((s) => signedIn(s.baseUrl, "oncall@example.com")));
      const hookId = await webhook(a, receiver.url, ["incident.opened"]);
      const { ruleId } = await firingRule(servers[0].baseUrl, a, [hookId]);
      await waitFor("the incident", async () => (await incidentsOf(b, ruleId)).length > 0);
      // Several more ticks on both replicas: still one incident, one delivery.
      await new Promise((r) => setTimeout(r, 4000));
      const seenByBoth = await Promise.all([incidentsOf(a, ruleId), incidentsOf(b, ruleId)]);
      expect(seenByBoth.map((list) => list.length)).toEqual([1, 1]);
      const deliveries = receiver.received.filter((r) => r.body.data.id === seenByBoth[0][0].id);
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0].verified).toBe(true);

      // Each slot is evaluated by exactly one replica: together they ran no more ticks than slots passed.
      const before = await Promise.all(servers.map((s) => ticks(s.baseUrl)));
      const started = Date.now();
      await new Promise((r) => setTimeout(r, 5000));
      const after = await Promise.all(servers.map((s) => ticks(s.baseUrl)));
      const slots = Math.ceil((Date.now() - started) / 1000) + 1;
      const ran = after.map((n, i) => n! - before[i]!);
      expect(ran[0] + ran[1]).toBeGreaterThanOrEqual(slots - 3);
      expect(ran[0] + ran[1]).toBeLessThanOrEqual(slots);

      // Kill -9 the replica that evaluated last (whichever holds the lock right now, mid-tick or between).
      const holder = ran[0] >= ran[1] ? 0 : 1;
      const survivor = servers[1 - holder];
      await servers[holder].kill();
      const survivorBefore = (await ticks(survivor.baseUrl))!;
      const killedAt = Date.now();
      await waitFor("the survivor to evaluate", async () => ((await ticks(survivor.baseUrl)) ?? 0) >= survivorBefore + 2, 5000);
      expect(Date.now() - killedAt).toBeLessThan(3 * 1000 + 1000);
      // And it does the work: a rule created now fires through the survivor.
      const session = holder === 0 ? b : a;
      const fresh = await firingRule(survivor.baseUrl, session, []);
      await waitFor("the survivor to open an incident", async () => (await incidentsOf(session, fresh.ruleId)).length > 0, 5000);
    } finally {
      await receiver.stop();
    }
  }, 180_000);
});
