import { describe, expect, inject, it } from "vitest";
import { DEMO_MODELS } from "@/lib/demo/fleet";
import { DEMO_KEY, keySession } from "../support/http";

interface ModelDetail {
  versions: { version: string; created_at: string }[];
  stage_history: { version: string; from_stage: string; to_stage: string; at: string; reason: string | null }[];
}
interface Series {
  series: { version: string; points: { ts: string; avg: number; count: number }[] }[];
}

const HOUR = 3_600_000;

/** The demo's story is consistent in time: each change happens when its data shows it. */
describe.each(inject("servers"))("the demo's story in time on $engine", ({ baseUrl }) => {
  const machine = keySession(baseUrl, DEMO_KEY);
  const json = async <T>(path: string) => {
    const res = await machine.get(path);
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };

  it("creates every version before its first stage move", async () => {
    for (const { name } of DEMO_MODELS) {
      const model = await json<ModelDetail>(`/api/v1/models/${name}`);
      for (const version of model.versions) {
        const moves = model.stage_history.filter((h) => h.version === version.version).map((h) => Date.parse(h.at));
        if (moves.length) expect(Date.parse(version.created_at), `${name} ${version.version}`).toBeLessThanOrEqual(Math.min(...moves));
      }
    }
  });

  it("shows search-ranker v8 in production exactly between its promotion and its rollback, with click-through down in that hour", async () => {
    const model = await json<ModelDetail>("/api/v1/models/search-ranker");
    const promoted = model.stage_history.find((h) => h.version === "v8" && h.to_stage === "production")!;
    const rolledBack = model.stage_history.find((h) => h.version === "v7" && h.to_stage === "production" && h.reason?.startsWith("rollback"))!;
    const [from, to] = [Date.parse(promoted.at), Date.parse(rolledBack.at)];
    // A real hour in the past, not the moment of seeding.
    expect(to - from).toBeGreaterThanOrEqual(HOUR - 60_000);
    expect(Date.now() - to).toBeGreaterThan(12 * HOUR);

    const window = `from=${new Date(from - 3 * HOUR).toISOString()}&to=${new Date(to + 3 * HOUR).toISOString()}&max_points=5000`;
    const traffic = await json<Series>(`/api/v1/models/search-ranker/metrics?metric=requests_per_minute&version=v8&${window}`);
    const v8 = traffic.series.find((s) => s.version === "v8")!.points;
    const busy = v8.filter((p) => p.avg > 1000).map((p) => Date.parse(p.ts));
    expect(busy.length).toBeGreaterThan(0);
    expect(Math.min(...busy)).toBeGreaterThanOrEqual(from - 5 * 60_000);
    expect(Math.max(...busy)).toBeLessThan(to);

    const ctr = await json<Series>(`/api/v1/models/search-ranker/metrics?metric=click_through_rate&${window}`);
    const points = ctr.series.flatMap((s) => s.points);
    const mean = (ps: typeof points) => ps.reduce((n, p) => n + p.avg, 0) / ps.length;
    const during = points.filter((p) => Date.parse(p.ts) >= from && Date.parse(p.ts) < to);
    const around = points.filter((p) => Date.parse(p.ts) < from || Date.parse(p.ts) >= to);
    expect(during.length).toBeGreaterThan(0);
    expect(around.length).toBeGreaterThan(0);
    expect(mean(during) / mean(around)).toBeLessThan(0.95);
  });

  it("fills the drift page's 30-day strip", async () => {
    const drift = await json<{ models: { model: string; strip: { day: string }[] }[] }>("/api/v1/drift");
    const demo = new Set(DEMO_MODELS.map((m) => m.name));
    expect(drift.models.filter((m) => demo.has(m.model))).toHaveLength(demo.size);
    for (const row of drift.models.filter((m) => demo.has(m.model))) expect(row.strip.length, row.model).toBeGreaterThanOrEqual(30);
  });
});
