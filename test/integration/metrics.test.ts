import fc from "fast-check";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { DEMO_KEY, keySession, signedIn } from "../support/http";

const servers = inject("servers");

interface Bucket {
  ts: string;
  avg: number;
  min: number;
  max: number;
  count: number;
}

interface SeriesAnswer {
  step_seconds: number;
  source: string;
  series: { version: string; points: Bucket[] }[];
  annotations: { ts: string; kind: string; text: string; who?: string | null; reason?: string | null; href?: string | null }[];
}

describe.each(servers)("metric ingestion and reading on $engine", ({ baseUrl, engine, databaseUrl }) => {
  const machine = keySession(baseUrl, DEMO_KEY);
  // Each test writes its own metric name, so tests never see each other's points.
  const metricName = (label: string) => `it_${label}_${Date.now()}_${Math.random().toString(36).slice(2, 7)}`;

  async function series(metric: string, query: string): Promise<SeriesAnswer> {
    const res = await machine.get(`/api/v1/models/fraud-detector/metrics?metric=${metric}&${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as SeriesAnswer;
  }

  it("accepts a batch with 202 and reads it back as buckets", async () => {
    const metric = metricName("happy");
    const base = Date.parse("2026-11-20T10:00:00Z");
    const points = [1, 5, 3].map((value, i) => ({ model: "fraud-detector", version: "v3", metric, ts: new Date(base + i * 1000).toISOString(), value }));
    const res = await machine.request("POST", "/api/v1/ingest/metrics", { points });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 3 });
    const answer = await series(metric, "from=2026-11-20T09:00:00Z&to=2026-11-20T11:00:00Z&max_points=1");
    expect(answer.series).toEqual([{ version: "v3", points: [{ ts: "2026-11-20T09:00:00.000Z", avg: 3, min: 1, max: 5, count: 3 }] }]);
  });

  it("stores nothing from a batch with one bad point, and names the field", async () => {
    const metric = metricName("bad");
    const good = { model: "fraud-detector", version: "v3", metric, ts: "2026-11-20T10:00:00Z", value: 1 };
    const res = await machine.request("POST", "/api/v1/ingest/metrics", JSON.stringify({ points: [good, good, good, { ...good, value: "NaN" }] }));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { details: { path: string }[] } };
    expect(body.error.details.map((d) => d.path)).toEqual(["points[3].value"]);
    const answer = await series(metric, "from=2026-11-20T09:00:00Z&to=2026-11-20T11:00:00Z");
    expect(answer.series).toEqual([]);
  });

  it("names an unknown model and an unknown version in a 422, storing nothing", async () => {
    const metric = metricName("unknown");
    const point = { model: "fraud-detector", version: "v3", metric, ts: "2026-11-20T10:00:00Z", value: 1 };
    const res = await machine.request("POST", "/api/v1/ingest/metrics", {
      points: [point, { ...point, version: "v99" }, { ...point, model: "no-such-model" }],
    });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { details: { path: string; message: string }[] } };
    expect(error.details).toEqual([
      { path: "points[1].version", message: "unknown version v99 of model fraud-detector" },
      { path: "points[2].model", message: "unknown model no-such-model" },
    ]);
    expect((await series(metric, "from=2026-11-20T09:00:00Z&to=2026-11-20T11:00:00Z")).series).toEqual([]);
  });

  it("answers 413 above 5 MiB, 422 above 10,000 points, 415 for a non-JSON body, 400 for malformed JSON", async () => {
    const point = { model: "fraud-detector", version: "v3", metric: "m", ts: "2026-11-20T10:00:00Z", value: 1 };
    expect((await machine.request("POST", "/api/v1/ingest/metrics", JSON.stringify({ points: [point], pad: "x".repeat(5 * 1024 * 1024) }))).status).toBe(413);
    const tooMany = await machine.request("POST", "/api/v1/ingest/metrics", { points: Array.from({ length: 10_001 }, () => point) });
    expect(tooMany.status).toBe(422);
    expect(((await tooMany.json()) as { error: { details: { path: string }[] } }).error.details[0].path).toBe("points");
    expect((await machine.request("POST", "/api/v1/ingest/metrics", "points", { "content-type": "text/csv" })).status).toBe(415);
    expect((await machine.request("POST", "/api/v1/ingest/metrics", '{"points": [')).status).toBe(400);
  });

  it("refuses a session: ingestion takes keys only", async () => {
    const lead = await signedIn(baseUrl, "lead@example.com");
    expect((await lead.request("POST", "/api/v1/ingest/metrics", { points: [] })).status).toBe(403);
  });

  it("replays an idempotent request without storing it again, and refuses the key with another body", async () => {
    const metric = metricName("idem");
    const key = `idem-${metric}`;
    const body = { points: [{ model: "fraud-detector", version: "v3", metric, ts: "2026-11-20T10:00:00Z", value: 2 }] };
    const first = await machine.request("POST", "/api/v1/ingest/metrics", body, { "idempotency-key": key });
    const second = await machine.request("POST", "/api/v1/ingest/metrics", body, { "idempotency-key": key });
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(await second.json()).toEqual(await first.json());
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    const other = await machine.request("POST", "/api/v1/ingest/metrics", { points: [{ ...body.points[0], value: 3 }] }, { "idempotency-key": key });
    expect(other.status).toBe(422);
    const answer = await series(metric, "from=2026-11-20T09:00:00Z&to=2026-11-20T11:00:00Z&max_points=1");
    expect(answer.series[0].points[0].count).toBe(1);
  });

  it("runs a key once under concurrent repeats: one answer is the first, the rest are 409 while it runs or its replay", async () => {
    const metric = metricName("inflight");
    const key = `inflight-${metric}`;
    const start = Date.parse("2026-11-19T00:00:00Z");
    const body = {
      points: Array.from({ length: 10_000 }, (_, i) => ({
        model: "fraud-detector",
        version: "v3",
        metric,
        ts: new Date(start + i * 1000).toISOString(),
        value: i,
      })),
    };
    // Sent together, the requests reach the key's claim while the first one's batch is still being
    // written. PostgreSQL runs them side by side and answers 409; PGlite runs one query at a time,
    // so the later ones find the first finished and get its replay. Either way the batch runs once:
    // without the claim, each repeat would find no stored answer and write the batch again.
    const answers = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const res = await machine.request("POST", "/api/v1/ingest/metrics", body, { "idempotency-key": key });
        return { status: res.status, replayed: res.headers.get("idempotent-replayed") === "true", body: await res.text() };
      }),
    );
    expect(answers.map((a) => a.status).filter((s) => s !== 202 && s !== 409)).toEqual([]);
    const firsts = answers.filter((a) => a.status === 202 && !a.replayed);
    expect(firsts).toHaveLength(1);
    for (const replay of answers.filter((a) => a.status === 202 && a.replayed)) expect(replay.body).toBe(firsts[0].body);
    for (const busy of answers.filter((a) => a.status === 409)) expect(JSON.parse(busy.body).error.code).toBeTypeOf("string");
    if (engine === "postgres") expect(answers.map((a) => a.status)).toContain(409);
    const answer = await series(metric, "from=2026-11-19T00:00:00Z&to=2026-11-20T00:00:00Z&max_points=1");
    expect(answer.series[0].points[0].count).toBe(10_000);
  });

  it("keeps rollups equal to the raw points (count, sum, min, max) after random batches", async () => {
    const metric = metricName("rollup");
    const start = Date.parse("2026-11-18T00:00:00Z");
    const batches = fc.sample(
      fc.array(fc.record({ offsetSeconds: fc.integer({ min: 0, max: 6 * 3600 - 1 }), value: fc.double({ min: -1e6, max: 1e6, noNaN: true }) }), {
        minLength: 1,
        maxLength: 200,
      }),
      { numRuns: 5, seed: 42 },
    );
    const all: { t: number; value: number }[] = [];
    for (const batch of batches) {
      const points = batch.map((p) => ({
        model: "fraud-detector",
        version: "v3",
        metric,
        ts: new Date(start + p.offsetSeconds * 1000).toISOString(),
        value: p.value,
      }));
      expect((await machine.request("POST", "/api/v1/ingest/metrics", { points })).status).toBe(202);
      all.push(...batch.map((p) => ({ t: start + p.offsetSeconds * 1000, value: p.value })));
    }
    const window = "from=2026-11-18T00:00:00Z&to=2026-11-18T06:00:00Z";
    // 6 buckets of an hour come from the hourly rollup, 360 of a minute from the minute rollup, 21,600 of a second from raw points.
    for (const maxPoints of [6, 360, 5000]) {
      const answer = await series(metric, `${window}&max_points=${maxPoints}`);
      const buckets = answer.series[0].points;
      expect(buckets.length).toBeLessThanOrEqual(maxPoints);
      const totalCount = buckets.reduce((n, b) => n + b.count, 0);
      const totalSum = buckets.reduce((n, b) => n + b.avg * b.count, 0);
      expect(totalCount).toBe(all.length);
      expect(totalSum).toBeCloseTo(
        all.reduce((n, p) => n + p.value, 0),
        2,
      );
      expect(Math.min(...buckets.map((b) => b.min))).toBe(Math.min(...all.map((p) => p.value)));
      expect(Math.max(...buckets.map((b) => b.max))).toBe(Math.max(...all.map((p) => p.value)));
      for (const bucket of buckets) {
        const from = Date.parse(bucket.ts);
        const inside = all.filter((p) => p.t >= from && p.t < from + answer.step_seconds * 1000);
        expect(bucket.count, `${answer.source} bucket ${bucket.ts}`).toBe(inside.length);
        expect(bucket.min).toBe(Math.min(...inside.map((p) => p.value)));
        expect(bucket.max).toBe(Math.max(...inside.map((p) => p.value)));
      }
    }
  });

  it("stores labels and values exactly as sent, whatever characters the labels hold", async () => {
    const metric = metricName("exact");
    const labels = { path: 'a\\tb\tc\nd\r"e\\', "ü ✓": "\\N", empty: "" };
    const values = [1e-300, 1.7976931348623157e308, -0.1 - 0.2, 123456789.123456789];
    const points = values.map((value, i) => ({
      model: "fraud-detector",
      version: "v3",
      metric,
      ts: new Date(Date.UTC(2026, 10, 18, 9, 0, i)).toISOString(),
      value,
      labels,
    }));
    expect((await machine.request("POST", "/api/v1/ingest/metrics", { points })).status).toBe(202);
    const answer = await series(metric, "from=2026-11-18T09:00:00Z&to=2026-11-18T09:01:00Z&max_points=5000");
    expect(answer.series[0].points.map((p) => p.max)).toEqual(values);
    // The raw rows themselves, where the test can read them (the server's own PostgreSQL database).
    if (engine !== "postgres" || !databaseUrl) return;
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query("select value, labels from metric_points where metric = $1 order by ts", [metric]);
      expect(rows.map((r) => r.value)).toEqual(values);
      expect(rows.map((r) => r.labels)).toEqual(values.map(() => labels));
    } finally {
      await client.end();
    }
  });

  it("keeps a single spike visible as the max of a downsampled bucket", async () => {
    const metric = metricName("spike");
    const start = Date.parse("2026-11-15T00:00:00Z");
    const points = Array.from({ length: 2000 }, (_, i) => ({
      model: "fraud-detector",
      version: "v3",
      metric,
      ts: new Date(start + i * 60_000).toISOString(),
      value: i === 1234 ? 9000 : 100 + (i % 7),
    }));
    expect((await machine.request("POST", "/api/v1/ingest/metrics", { points })).status).toBe(202);
    const answer = await series(metric, "from=2026-11-15T00:00:00Z&to=2026-11-17T00:00:00Z&max_points=20");
    const buckets = answer.series[0].points;
    expect(buckets.length).toBeLessThanOrEqual(20);
    expect(Math.max(...buckets.map((b) => b.max))).toBe(9000);
    expect(Math.min(...buckets.map((b) => b.min))).toBe(100);
  });

  it("annotates promotions in the range", async () => {
    const answer = await series("latency_p95_ms", "from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z");
    expect(answer.annotations.map((a) => a.text)).toEqual(expect.arrayContaining(["v3 → production", "v4 → staging"]));
  });

  it("marks a failed run of a pipeline that feeds the model, and says who, why and where for each marker", async () => {
    const pipeline = `it_feeds_${Date.now()}_${Math.random().toString(36).slice(2, 7)}`;
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    const run = (body: Record<string, unknown>) => machine.request("POST", "/api/v1/ingest/pipeline-runs", { pipeline, ...body });
    expect(
      (await run({ run_id: "ok", status: "succeeded", started_at: at(30), finished_at: at(29), produces: { model: "fraud-detector", version: "v4" } })).status,
    ).toBe(202);
    expect((await run({ run_id: "bad", status: "failed", started_at: at(20), finished_at: at(19), error: "source table missing" })).status).toBe(202);
    const answer = await series("latency_p95_ms", `from=${at(60)}&to=${at(0)}`);
    expect(answer.annotations).toContainEqual(
      expect.objectContaining({ kind: "pipeline_failed", text: `${pipeline} failed`, reason: "source table missing", href: `/pipelines/${pipeline}` }),
    );
    const everything = await series("latency_p95_ms", "from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z");
    const promoted = everything.annotations.find((a) => a.text === "v3 → production");
    expect(promoted).toMatchObject({ kind: "promotion", who: expect.any(String), href: expect.stringMatching(/^\/(approvals|models)\//) });
  });
});
