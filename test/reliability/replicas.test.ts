import { randomUUID } from "node:crypto";
import pg from "pg";
import { expect, it } from "vitest";
import { DEMO_KEY, Session, signedIn } from "../support/http";
import { createScratchDatabase, startServer } from "../support/servers";
import { startReceiver, waitFor } from "../support/webhook-receiver";
import { batch } from "./batches";

/**
 * Two server processes on one PostgreSQL database, behind requests that alternate between them as
 * a load balancer's would: ingestion, approvals, incidents and webhook deliveries stay consistent,
 * nothing is done twice, and stopping one of them mid-run loses nothing its clients were told was
 * done (a client whose request got no answer retries it, with its key, on the other).
 */
const PORT = Number(process.env.PLUMBLINE_RELIABILITY_PORT ?? 3131) + 3;
const LOAD_SECONDS = Number(process.env.PLUMBLINE_RELIABILITY_SECONDS ?? 60);
const READY_MS = Math.max(300, Number(process.env.PLUMBLINE_TEST_READY_SECONDS ?? 0)) * 1000;
const SECRET = "receiver-shared-secret-0123456789";
const BATCH = 20;
const ENV = {
  PLUMBLINE_SIMULATOR: "0",
  PLUMBLINE_KEY_RATE_LIMIT: "1000000",
  PLUMBLINE_USER_RATE_LIMIT: "1000000",
  PLUMBLINE_EVAL_INTERVAL_SECONDS: "1",
  PLUMBLINE_WEBHOOK_ALLOW_PRIVATE: "1",
  PLUMBLINE_WEBHOOK_RETRY_BASE_SECONDS: "1",
};
const adminUrl = process.env.TEST_POSTGRES_URL;
const unique = () => `${Date.now().toString(36)}-${randomUUID().slice(0, 6)}`;

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

it.runIf(adminUrl)(
  "two servers on one PostgreSQL: ingestion, approvals, incidents and deliveries happen once, and stopping one loses nothing",
  { timeout: 900_000 },
  async () => {
    const scratch = await createScratchDatabase(adminUrl!, "replicas");
    const receiver = await startReceiver(PORT + 2, SECRET);
    const replicas: Awaited<ReturnType<typeof startServer>>[] = [];
    try {
      // The first seeds the demo; the second finds it there.
      replicas.push(await startServer(PORT, { ...ENV, DATABASE_URL: scratch.url }, { readyWithinMs: READY_MS }));
      replicas.push(await startServer(PORT + 1, { ...ENV, DATABASE_URL: scratch.url }, { readyWithinMs: READY_MS }));
      const up = [true, true];
      const people = async (email: string) => Promise.all(replicas.map((r) => signedIn(r.baseUrl, email)));
      const [lead, lead2, oncall] = await Promise.all([people("lead@example.com"), people("lead2@example.com"), people("oncall@example.com")]);

      // Ingestion: each batch goes to the next replica in turn; one in five goes to both at once
      // under one key, as a client's retry racing its first attempt does.
      const metric = `replicas_${unique().replace(/-/g, "_")}`;
      const accepted = new Set<string>();
      const failures: string[] = [];
      const send = async (replica: number, id: string, body: string): Promise<number | null> => {
        try {
          const res = await fetch(`${replicas[replica].baseUrl}/api/v1/ingest/metrics`, {
            method: "POST",
            headers: { authorization: `Bearer ${DEMO_KEY}`, "content-type": "application/json", "idempotency-key": id },
            body,
            signal: AbortSignal.timeout(30_000),
          });
          await res.arrayBuffer();
          return res.status;
        } catch {
          return null;
        }
      };
      /** Sends until a 2xx, as a client behind a load balancer does: no answer or a 409 means try again. */
      const deliver = async (first: number, id: string, body: string) => {
        for (let attempt = 0; attempt < 60; attempt++) {
          const replica = up[(first + attempt) % 2] ? (first + attempt) % 2 : (first + attempt + 1) % 2;
          const status = await send(replica, id, body);
          if (status !== null && status >= 200 && status < 300) return accepted.add(id);
          if (status !== null && status !== 409 && status !== 503) return failures.push(`${id}: ${status}`);
          await new Promise((r) => setTimeout(r, 250));
        }
        failures.push(`${id}: never accepted`);
      };
      const until = Date.now() + LOAD_SECONDS * 1000;
      const writer = async (w: number) => {
        for (let n = 0; Date.now() < until; n++) {
          const { id, body } = batch(metric, w, n, BATCH);
          if (n % 5 === 0 && up[0] && up[1]) await Promise.all([deliver(0, id, body), deliver(1, id, body)]);
          else await deliver((w + n) % 2, id, body);
        }
      };
      const writers = Promise.all(Array.from({ length: 4 }, (_, w) => writer(w)));

      // Approvals: the request is made on one replica, the same approval sent to both at once.
      const model = `replicas-${unique()}`;
      await json(await lead[0].request("POST", "/api/v1/models", { name: model }), 201);
      await json(await lead[1].request("POST", `/api/v1/models/${model}/versions`, { version: "v1", model_card: "# Card\n\nIntended use." }), 201);
      const open = await json<{ id: string }>(
        await lead[0].request("POST", "/api/v1/promotions", { model, version: "v1", target_stage: "staging", justification: "replicas" }),
        201,
      );
      const decisions = await Promise.all(
        lead2.map((s) => s.request("POST", `/api/v1/promotions/${open.id}/approve`, { comment: "ok" }).then((r) => r.status)),
      );
      expect(decisions.sort()).toEqual([200, 409]);

      // Incidents: a rule that fires, evaluated by whichever replica holds the tick.
      const hook = await json<{ id: string }>(
        await oncall[1].request("POST", "/api/v1/webhooks", { url: receiver.url, events: ["incident.opened"], secret: SECRET }),
        201,
      );
      const firing = async (registrar: Session, who: Session) => {
        const name = `replicas-inc-${unique()}`;
        await json(await registrar.request("POST", "/api/v1/models", { name }), 201);
        await json(await registrar.request("POST", `/api/v1/models/${name}/versions`, { version: "v1" }), 201);
        const points = [{ model: name, version: "v1", metric: "latency_p95_ms", ts: new Date().toISOString(), value: 480 }];
        const ingest = await fetch(`${who.baseUrl}/api/v1/ingest/metrics`, {
          method: "POST",
          headers: { authorization: `Bearer ${DEMO_KEY}`, "content-type": "application/json" },
          body: JSON.stringify({ points }),
        });
        expect(ingest.status).toBe(202);
        const rule = await json<{ id: string }>(
          await who.request("POST", "/api/v1/alert-rules", {
            name: `p95 of ${name}`,
            kind: "metric_threshold",
            target: { model: name, version: "v1" },
            condition: { metric: "latency_p95_ms", aggregation: "max", window_seconds: 300, op: ">", threshold: 100 },
            severity: "critical",
            webhook_ids: [hook.id],
          }),
          201,
        );
        return rule.id;
      };
      const incidentsOf = async (who: Session, ruleId: string) =>
        (await json<{ incidents: { id: string; rule_id: string }[] }>(await who.get("/api/v1/incidents"), 200)).incidents.filter((i) => i.rule_id === ruleId);
      const before = await firing(lead[0], oncall[0]);
      await waitFor("the incident", async () => (await incidentsOf(oncall[1], before)).length > 0, 60_000);

      // Stop one replica while the writers run: what it was doing is finished, or retried elsewhere.
      await new Promise((r) => setTimeout(r, (LOAD_SECONDS * 1000) / 2 - 5000));
      up[1] = false;
      await replicas[1].stop();
      const after = await firing(lead[0], oncall[0]);
      await waitFor("the incident opened by the survivor", async () => (await incidentsOf(oncall[0], after)).length > 0, 60_000);
      await writers;
      expect(failures.slice(0, 10)).toEqual([]);
      expect(accepted.size).toBeGreaterThan(10);

      // Every accepted batch is stored exactly once, and no other is stored at all.
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ batch: string; n: number }>(
          "select labels->>'batch' as batch, count(*)::int as n from metric_points where metric = $1 group by 1",
          [metric],
        );
        expect(rows.filter((r) => r.n !== BATCH || !accepted.has(r.batch))).toEqual([]);
        expect(rows.length).toBe(accepted.size);
        // One incident per rule, one delivery of its opening, however many replicas evaluated.
        for (const ruleId of [before, after]) {
          const incidents = await incidentsOf(oncall[0], ruleId);
          expect(incidents).toHaveLength(1);
          await waitFor("the delivery", async () => receiver.received.some((r) => r.body.data.id === incidents[0].id), 30_000);
        }
        await new Promise((r) => setTimeout(r, 3000));
        const opened = receiver.received.filter((r) => r.event === "incident.opened").map((r) => String(r.body.data.id));
        expect(opened.length).toBe(new Set(opened).size);
        expect(receiver.received.every((r) => r.verified)).toBe(true);
        const approvals = await client.query<{ n: number }>("select count(*)::int as n from promotion_approvals where request_id = $1", [open.id]);
        expect(approvals.rows[0].n).toBe(1);
      } finally {
        await client.end();
      }
      const promotion = await json<{ status: string; events: { kind: string }[] }>(await lead[0].get(`/api/v1/promotions/${open.id}`), 200);
      expect(promotion.status).toBe("executed");
      expect(promotion.events.filter((e) => e.kind === "executed")).toHaveLength(1);
    } finally {
      for (const r of replicas) await r.stop();
      await receiver.stop();
      await scratch.drop();
    }
  },
);
