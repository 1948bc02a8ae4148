import { beforeAll, describe, expect, inject, it } from "vitest";
import type { FeatureDrift } from "@/lib/drift/evaluate";
import { DEMO_KEY, keySession, signedIn } from "../support/http";

const servers = inject("servers");

type FeatureResult = FeatureDrift;

interface DriftAnswer {
  reference_size: number;
  current_size: number;
  share_drifted: number;
  drifted: boolean;
  features: FeatureResult[];
}

/** A deterministic spread of values: i-th of n quantiles of a normal-ish shape, reproducible. */
function spread(n: number, centre: number, width: number): number[] {
  return Array.from({ length: n }, (_, i) => centre + width * Math.tan(Math.PI * ((i + 0.5) / n - 0.5)) * 0.3);
}

const COUNTRIES = ["DE", "FR", "US"];

describe.each(servers)("drift on $engine", ({ baseUrl }) => {
  const machine = keySession(baseUrl, DEMO_KEY);
  const model = `drift-it-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
  const window = "from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z";

  async function drift(query: string): Promise<DriftAnswer> {
    const res = await machine.get(`/api/v1/models/${model}/drift?version=v1&${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as DriftAnswer;
  }

  beforeAll(async () => {
    expect((await machine.request("POST", "/api/v1/models", { name: model })).status).toBe(201);
    expect((await machine.request("POST", `/api/v1/models/${model}/versions`, { version: "v1" })).status).toBe(201);
  });

  it("compares an uploaded reference with ingested traffic: a shifted number and a changed category drift, a stable one does not", async () => {
    const amounts = spread(400, 100, 20);
    const stable = spread(400, 5, 1);
    const reference = amounts.map((amount, i) => ({ features: { amount, stable: stable[i], country: COUNTRIES[i % 3], flag: i % 2 === 0 } }));
    const uploaded = await machine.request("POST", `/api/v1/models/${model}/versions/v1/reference`, { records: reference });
    expect(uploaded.status).toBe(201);

    const start = Date.parse("2026-11-20T08:00:00Z");
    // 300 records over three hours: amount shifted by two widths, country mostly US, the rest unchanged.
    const shifted = spread(300, 140, 20);
    const calm = spread(300, 5, 1);
    const records = shifted.map((amount, i) => ({
      ts: new Date(start + i * 36_000).toISOString(),
      features: { amount, stable: calm[(i * 7) % 300], country: i % 5 === 0 ? "DE" : "US", flag: i % 2 === 0 },
      prediction: 0.5,
    }));
    const ingested = await machine.request("POST", "/api/v1/ingest/features", { model, version: "v1", records });
    expect(ingested.status).toBe(202);
    expect(await ingested.json()).toEqual({ accepted: 300 });

    const answer = await drift(window);
    expect(answer.reference_size).toBe(400);
    expect(answer.current_size).toBe(300);
    const byName = Object.fromEntries(answer.features.map((f) => [f.feature, f]));
    expect(byName.amount).toMatchObject({ kind: "numerical", method: "ks", drifted: true, n_ref: 400, n_cur: 300 });
    expect(byName.country).toMatchObject({ kind: "categorical", method: "chisquare", drifted: true, n_cur: 300 });
    expect(byName.stable).toMatchObject({ kind: "numerical", method: "ks", drifted: false });
    expect(byName.flag).toMatchObject({ kind: "categorical", method: "ztest", drifted: false, statistic: 0 });
    expect(answer.share_drifted).toBe(0.5);
    expect(answer.drifted).toBe(true);

    // Nothing outside the window: an empty window has no features to judge.
    const empty = await drift("from=2026-11-22T00:00:00Z&to=2026-11-23T00:00:00Z");
    expect(empty).toMatchObject({ current_size: 0, features: [], share_drifted: 0, drifted: false });
  });

  it("weights hours by the traffic they saw, not by the sample each kept", async () => {
    const name = `${model}-w`;
    await machine.request("POST", "/api/v1/models", { name });
    await machine.request("POST", `/api/v1/models/${name}/versions`, { version: "v1" });
    await machine.request("POST", `/api/v1/models/${name}/versions/v1/reference`, { records: spread(50, 0, 1).map((x) => ({ features: { x } })) });
    // Hour A: 500 values of -1000. Hour B: 6,000 values near +1000, of which its bucket keeps only 2,000.
    const hourA = Array.from({ length: 500 }, (_, i) => ({ ts: `2026-11-20T01:00:${String(i % 60).padStart(2, "0")}Z`, features: { x: -1000 } }));
    const hourB = spread(6000, 1000, 1).map((x, i) => ({ ts: new Date(Date.parse("2026-11-20T02:00:00Z") + i * 500).toISOString(), features: { x } }));
    for (const records of [hourA, hourB.slice(0, 3000), hourB.slice(3000)]) {
      expect((await machine.request("POST", "/api/v1/ingest/features", { model: name, version: "v1", records })).status).toBe(202);
    }
    const res = await machine.get(`/api/v1/models/${name}/drift/features/x?version=v1&${window}`);
    expect(res.status).toBe(200);
    const detail = (await res.json()) as { n_seen: number; result: FeatureResult; distribution: { bins: { from: number; current: number }[] } };
    expect(detail.n_seen).toBe(6500);
    // The lowest bin holds the -1000s: 500 of 6,500 seen (7.7 %), not 500 of 2,500 kept (20 %).
    expect(detail.distribution.bins[0].current).toBeCloseTo(500 / 6500, 2);
    expect(detail.result.n_cur).toBeLessThanOrEqual(10_000);
  });

  it("keeps both of two concurrent batches that update the same hour", async () => {
    const name = `${model}-c`;
    await machine.request("POST", "/api/v1/models", { name });
    await machine.request("POST", `/api/v1/models/${name}/versions`, { version: "v1" });
    await machine.request("POST", `/api/v1/models/${name}/versions/v1/reference`, { records: COUNTRIES.map((c) => ({ features: { c } })) });
    const batch = (c: string) => ({
      model: name,
      version: "v1",
      records: Array.from({ length: 200 }, (_, i) => ({ ts: `2026-11-20T05:10:${String(i % 60).padStart(2, "0")}Z`, features: { c } })),
    });
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => machine.request("POST", "/api/v1/ingest/features", batch(COUNTRIES[i % 3]))));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202, 202]);
    const res = await machine.get(`/api/v1/models/${name}/drift?version=v1&${window}`);
    const answer = (await res.json()) as DriftAnswer;
    expect(answer.features[0].n_cur).toBe(1200);
  });

  it("refuses bad batches whole, naming the field, and a reference with mixed kinds", async () => {
    const good = { ts: "2026-11-20T10:00:00Z", features: { amount: 1 } };
    const unknown = await machine.request("POST", "/api/v1/ingest/features", { model, version: "v9", records: [good] });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { error: { details: { path: string }[] } }).error.details[0].path).toBe("version");
    const mixed = await machine.request("POST", "/api/v1/ingest/features", { model, version: "v1", records: [good, { ...good, features: { amount: "12" } }] });
    expect(mixed.status).toBe(422);
    expect(((await mixed.json()) as { error: { details: { path: string }[] } }).error.details[0].path).toBe("records[1].features.amount");
    const tooMany = await machine.request("POST", "/api/v1/ingest/features", { model, version: "v1", records: Array.from({ length: 10_001 }, () => good) });
    expect(tooMany.status).toBe(422);
    const reference = await machine.request("POST", `/api/v1/models/${model}/versions/v1/reference`, {
      records: [{ features: { a: 1 } }, { features: { a: "x" } }],
    });
    expect(reference.status).toBe(422);
    const lead = await signedIn(baseUrl, "lead@example.com");
    expect((await lead.request("POST", "/api/v1/ingest/features", { model, version: "v1", records: [good] })).status).toBe(403);
  });

  it("/drift/compare answers the result, and 422 for degenerate input", async () => {
    const ok = await machine.request("POST", "/api/v1/drift/compare", { reference: ["a", "a", "b"], current: ["a", "b", "b"] });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ kind: "categorical", method: "ztest", n_ref: 3, n_cur: 3 });
    const cases: [unknown, string][] = [
      [{ reference: [], current: [1] }, "reference"],
      [{ reference: [1, 2], current: [1, "2"] }, "current[1]"],
      [{ reference: [null, null], current: [1] }, "reference"],
      [{ reference: ["a"], current: ["b"], method: "ks" }, "method"],
      [{ reference: [1, 2, 3], current: [1, 2], method: "ks", threshold: 3 }, "threshold"],
    ];
    for (const [body, path] of cases) {
      const res = await machine.request("POST", "/api/v1/drift/compare", body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      const { error } = (await res.json()) as { error: { message: string; details: { path: string }[] } };
      expect(error.details[0].path, error.message).toBe(path);
    }
  });

  it("stores per-feature overrides for ml_lead (audited), refuses viewers, and applies them", async () => {
    const lead = await signedIn(baseUrl, "lead@example.com");
    const viewer = await signedIn(baseUrl, "viewer@example.com");
    const body = { settings: [{ feature: "stable", method: "psi", threshold: 5 }] };
    expect((await viewer.request("PUT", `/api/v1/models/${model}/drift-settings`, body)).status).toBe(403);
    expect((await lead.request("PUT", `/api/v1/models/${model}/drift-settings`, { settings: [{ feature: "stable", threshold: 0.2 }] })).status).toBe(422);
    const res = await lead.request("PUT", `/api/v1/models/${model}/drift-settings`, body);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { settings: unknown[] }).settings).toMatchObject([
      { feature: "stable", method: "psi", threshold: 5, updated_by: "lead@example.com" },
    ]);
    const answer = await drift(window);
    expect(answer.features.find((f) => f.feature === "stable")).toMatchObject({ method: "psi", threshold: 5 });
    // A per-request method wins over the stored one.
    const requested = await drift(`${window}&method=wasserstein`);
    expect(requested.features.find((f) => f.feature === "stable")?.method).toBe("wasserstein");

    const admin = await signedIn(baseUrl, "admin@example.com");
    const audit = await admin.get(`/api/v1/audit?action=drift.settings_changed&target=${model}`);
    const { entries } = (await audit.json()) as { entries: { actor: string; detail: unknown }[] };
    expect(entries[0]).toMatchObject({ actor: "lead@example.com", detail: { settings: [{ feature: "stable", method: "psi", threshold: 5 }] } });
    const references = await admin.get(`/api/v1/audit?action=model.reference_uploaded&target=${model}`);
    expect(((await references.json()) as { entries: unknown[] }).entries.length).toBeGreaterThan(0);
  });

  it("marks the demo's fraud-detector as drifting in the model list", async () => {
    const res = await machine.get("/api/v1/models");
    const { models } = (await res.json()) as { models: { name: string; status: string }[] };
    expect(models.find((m) => m.name === "fraud-detector")?.status).toBe("drifting");
    expect(models.find((m) => m.name === "churn-predictor")?.status).not.toBe("drifting");
  });
});
