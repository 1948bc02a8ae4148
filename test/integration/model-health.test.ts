import { describe, expect, inject, it } from "vitest";
import { DEMO_KEY, keySession, signedIn } from "../support/http";

const servers = inject("servers");
const HOUR = 3_600_000;

interface Health {
  version: string | null;
  window_from: string;
  p95_latency_ms: number | null;
  error_rate: number | null;
  requests_per_minute: number | null;
  sparklines: Record<"latency_p95_ms" | "error_rate" | "requests_per_minute", { ts: string; value: number }[]>;
}
interface ModelRow {
  name: string;
  production_version: string | null;
  staging_version: string | null;
  status: string;
  health: Health;
}
interface Bucket {
  avg: number;
  count: number;
}

describe.each(servers)("models with their last-24-hours health on $engine", ({ baseUrl }) => {
  const machine = keySession(baseUrl, DEMO_KEY);

  async function models(): Promise<ModelRow[]> {
    const res = await machine.get("/api/v1/models");
    expect(res.status).toBe(200);
    return ((await res.json()) as { models: ModelRow[] }).models;
  }

  async function fraudDetector(): Promise<ModelRow> {
    return (await models()).find((m) => m.name === "fraud-detector")!;
  }

  /** The metrics endpoint's single bucket over [from, to): the reference the summary must agree with. */
  async function bucket(metric: string, version: string, from: Date, to: Date): Promise<Bucket | null> {
    const query = new URLSearchParams({ metric, version, from: from.toISOString(), to: to.toISOString(), max_points: "1" });
    const res = await machine.get(`/api/v1/models/fraud-detector/metrics?${query}`);
    expect(res.status).toBe(200);
    const { series } = (await res.json()) as { series: { points: Bucket[] }[] };
    return series[0]?.points[0] ?? null;
  }

  it("keeps every contract field of GET /models and adds health for the production version", async () => {
    for (const m of await models()) {
      expect(Object.keys(m)).toEqual(
        expect.arrayContaining(["name", "description", "owner", "task", "production_version", "staging_version", "status", "health"]),
      );
      expect(m.health.version).toBe(m.production_version);
    }
  });

  it("puts freshly ingested points into the hour's sparkline point, weighted by count", async () => {
    const production = (await fraudDetector()).production_version!;
    // An hour well inside the window, in the past: live traffic never lands there during the test.
    const hour = new Date(Math.floor(Date.now() / HOUR) * HOUR - 20 * HOUR);
    const before = await bucket("latency_p95_ms", production, hour, new Date(hour.getTime() + HOUR));
    const values = [5000, 7000, 9000];
    const points = values.map((value, i) => ({
      model: "fraud-detector",
      version: production,
      metric: "latency_p95_ms",
      ts: new Date(hour.getTime() + i * 60_000 + 17_000).toISOString(),
      value,
    }));
    expect((await machine.request("POST", "/api/v1/ingest/metrics", { points })).status).toBe(202);

    const sumBefore = before ? before.avg * before.count : 0;
    const expected = (sumBefore + 21_000) / ((before?.count ?? 0) + 3);
    const spark = (await fraudDetector()).health.sparklines.latency_p95_ms;
    const point = spark.find((p) => p.ts === hour.toISOString());
    expect(point?.value).toBeCloseTo(expected, 6);
    expect(spark.map((p) => p.ts)).toEqual([...spark.map((p) => p.ts)].sort());
  });

  it("reports the 24-hour p95 and error rate the metrics endpoint gives for the same window", async () => {
    const production = (await fraudDetector()).production_version!;
    const hour = new Date(Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR);
    const points = [0.5, 0.25].map((value, i) => ({
      model: "fraud-detector",
      version: production,
      metric: "error_rate",
      ts: new Date(hour.getTime() + i * 1000).toISOString(),
      value,
    }));
    expect((await machine.request("POST", "/api/v1/ingest/metrics", { points })).status).toBe(202);

    const { health } = await fraudDetector();
    const from = new Date(health.window_from);
    expect(Date.now() - from.getTime()).toBeGreaterThan(23 * HOUR);
    expect(Date.now() - from.getTime()).toBeLessThanOrEqual(24 * HOUR);
    for (const [metric, value] of [
      ["error_rate", health.error_rate],
      ["latency_p95_ms", health.p95_latency_ms],
    ] as const) {
      const reference = await bucket(metric, production, from, new Date(Date.now() + 60_000));
      // Within 1 %: the live simulator may add a point between the two reads.
      expect(value).not.toBeNull();
      expect(Math.abs(value! - reference!.avg) / reference!.avg).toBeLessThan(0.01);
    }
  });

  it("gives the overview's fleet the same health for a signed-in viewer", async () => {
    const viewer = await signedIn(baseUrl, "viewer@example.com");
    const res = await viewer.get("/api/v1/fleet");
    expect(res.status).toBe(200);
    const fleet = (await res.json()) as { models: ModelRow[] };
    const fromFleet = fleet.models.find((m) => m.name === "fraud-detector")!.health;
    const fromModels = (await fraudDetector()).health;
    expect(fromFleet.version).toBe(fromModels.version);
    expect(fromFleet.sparklines.latency_p95_ms.length).toBe(fromModels.sparklines.latency_p95_ms.length);
    expect(fromFleet.sparklines.latency_p95_ms.length).toBeGreaterThan(0);
  });
});
