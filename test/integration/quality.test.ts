import { beforeAll, describe, expect, inject, it } from "vitest";
import reference from "@/lib/quality/stats/__fixtures__/sklearn-reference.json";
import type { QualityAnswer, QualityPoint } from "@/lib/quality/schemas";
import { DEMO_KEY, keySession, signedIn } from "../support/http";

const servers = inject("servers");

interface ErrorAnswer {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

/** Within 1e-9, relative above 1; null only where null is expected. */
function agrees(actual: number | null, expected: number | null): boolean {
  if (actual === null || expected === null) return actual === expected;
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}

const HOUR = "2026-11-20T10:00:00.000Z";
/** The i-th second of the hour under test. */
const inHour = (i: number) => new Date(Date.parse(HOUR) + (i % 3600) * 1000).toISOString();
const WINDOW = "from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z";

describe.each(servers)("model quality on $engine", ({ baseUrl }) => {
  const machine = keySession(baseUrl, DEMO_KEY);
  const suffix = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
  const binary = `quality-bin-${suffix}`;

  async function createModel(name: string, task: string, versions: string[]) {
    expect((await machine.request("POST", "/api/v1/models", { name, task })).status).toBe(201);
    for (const version of versions) expect((await machine.request("POST", `/api/v1/models/${name}/versions`, { version })).status).toBe(201);
  }

  async function quality(name: string, query: string): Promise<QualityAnswer> {
    const res = await machine.get(`/api/v1/models/${name}/quality?${query}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as QualityAnswer;
  }

  /** The single point of a version in the hour under test. */
  async function hourPoint(name: string, metric: string, version = "v1"): Promise<QualityPoint> {
    const answer = await quality(name, `metric=${metric}&bucket=hour&version=${version}&${WINDOW}`);
    const series = answer.series.find((s) => s.version === version);
    expect(series?.points.map((p) => p.ts)).toEqual([HOUR]);
    return series!.points[0];
  }

  async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
    return machine.request("POST", `/api/v1${path}`, body, headers);
  }

  async function errorOf(res: Response): Promise<ErrorAnswer["error"]> {
    return ((await res.json()) as ErrorAnswer).error;
  }

  beforeAll(async () => {
    await createModel(binary, "binary_classification", ["v1", "v2"]);
  });

  it("PATCH /models/{name} sets the task and the primary metric, which defaults by task and must fit it", async () => {
    const name = `quality-patch-${suffix}`;
    await createModel(name, "learning to rank", []);
    const patch = (body: unknown) => machine.request("PATCH", `/api/v1/models/${name}`, body);

    const regression = await patch({ task: "regression", owner: "ds-team" });
    expect(regression.status).toBe(200);
    expect(await regression.json()).toMatchObject({ name, task: "regression", owner: "ds-team", primary_metric: "rmse" });

    const misfit = await patch({ primary_metric: "roc_auc" });
    expect(misfit.status).toBe(422);
    expect((await errorOf(misfit)).details?.map((d) => d.path)).toEqual(["primary_metric"]);

    expect((await patch({ task: "binary_classification", primary_metric: "f1" })).status).toBe(200);
    const detail = (await (await machine.get(`/api/v1/models/${name}`)).json()) as { task: string; primary_metric: string };
    expect([detail.task, detail.primary_metric]).toEqual(["binary_classification", "f1"]);

    // Another task resets a metric that no longer fits to the new task's default.
    expect(await (await patch({ task: "multiclass_classification" })).json()).toMatchObject({ primary_metric: "accuracy" });
    // Free text stays possible: no quality metrics then.
    expect(await (await patch({ task: "learning to rank" })).json()).toMatchObject({ task: "learning to rank", primary_metric: null });

    expect((await machine.request("PATCH", `/api/v1/models/no-such-model-${suffix}`, { owner: "x" })).status).toBe(404);
    const viewer = await signedIn(baseUrl, "viewer@example.com");
    expect((await viewer.request("PATCH", `/api/v1/models/${name}`, { owner: "x" })).status).toBe(403);
  });

  it("realized binary metrics equal scikit-learn's on the same records, with a 95 % interval around them", async () => {
    const fixture = reference.binary.find((c) => c.name.startsWith("200 calibrated records"))!;
    const records = fixture.score.map((score, i) => ({ id: `sk-${i}`, ts: inHour(i), prediction: fixture.y_pred[i], score }));
    const ingested = await post("/ingest/predictions", { model: binary, version: "v1", records });
    expect(ingested.status).toBe(202);
    expect(await ingested.json()).toEqual({ accepted: 200 });
    const labels = fixture.y_true.map((label, i) => ({ id: `sk-${i}`, label }));
    const labeled = await post("/ingest/labels", { model: binary, records: labels });
    expect(labeled.status).toBe(202);
    expect(await labeled.json()).toEqual({ accepted: 200, matched: 200 });

    for (const [metric, expected] of Object.entries(fixture.expected)) {
      const point = await hourPoint(binary, metric);
      expect([point.n, point.n_labeled]).toEqual([200, 200]);
      expect(agrees(point.realized, expected), `${metric}: ${point.realized} vs ${expected}`).toBe(true);
      expect(point.realized_low!).toBeLessThanOrEqual(point.realized!);
      expect(point.realized_high!).toBeGreaterThanOrEqual(point.realized!);
      expect(point.realized_high! - point.realized_low!).toBeGreaterThan(0);
    }
    // The same answer twice: the bootstrap is seeded.
    expect(await hourPoint(binary, "roc_auc")).toEqual(await hourPoint(binary, "roc_auc"));
  });

  it("keeps labels that arrive before their prediction and joins them when it comes; a later label replaces the earlier", async () => {
    const name = `quality-late-${suffix}`;
    await createModel(name, "binary_classification", ["v1"]);
    const early = await post("/ingest/labels", {
      model: name,
      records: [
        { id: "a", label: 1 },
        { id: "b", label: false },
      ],
    });
    expect(await early.json()).toEqual({ accepted: 2, matched: 0 });

    const predictions = [
      { id: "a", ts: inHour(1), prediction: 1, score: 0.9 },
      { id: "b", ts: inHour(2), prediction: 1, score: 0.7 },
      { id: "c", ts: inHour(3), prediction: 0, score: 0.2 },
    ];
    expect((await post("/ingest/predictions", { model: name, version: "v1", records: predictions })).status).toBe(202);
    let point = await hourPoint(name, "accuracy");
    expect([point.n, point.n_labeled, point.realized]).toEqual([3, 2, 0.5]);

    const late = await post("/ingest/labels", { model: name, records: [{ id: "c", label: 0 }] });
    expect(await late.json()).toEqual({ accepted: 1, matched: 1 });
    point = await hourPoint(name, "accuracy");
    expect([point.n_labeled, point.realized]).toEqual([3, 2 / 3]);

    // A correction: b was a positive after all.
    expect(await (await post("/ingest/labels", { model: name, records: [{ id: "b", label: true }] })).json()).toEqual({ accepted: 1, matched: 1 });
    point = await hourPoint(name, "accuracy");
    expect([point.n_labeled, point.realized]).toEqual([3, 1]);
  });

  it("accepts an exact repeat without storing it again, and refuses the same id with other content (409 naming it), storing nothing from that batch", async () => {
    const name = `quality-repeat-${suffix}`;
    await createModel(name, "binary_classification", ["v1"]);
    const first = [
      { id: "r1", ts: inHour(10), prediction: 1, score: 0.8 },
      { id: "r2", ts: inHour(11), prediction: 0, score: 0.3 },
    ];
    expect((await post("/ingest/predictions", { model: name, version: "v1", records: first })).status).toBe(202);
    const repeat = await post("/ingest/predictions", {
      model: name,
      version: "v1",
      records: [...first, { id: "r3", ts: inHour(12), prediction: 0, score: 0.1 }],
    });
    expect(repeat.status).toBe(202);
    expect(await repeat.json()).toEqual({ accepted: 3 });
    expect((await hourPoint(name, "accuracy")).n).toBe(3);

    const conflicting = await post("/ingest/predictions", {
      model: name,
      version: "v1",
      records: [
        { id: "r4", ts: inHour(13), prediction: 1, score: 0.6 },
        { id: "r2", ts: inHour(11), prediction: 1, score: 0.3 },
      ],
    });
    expect(conflicting.status).toBe(409);
    const error = await errorOf(conflicting);
    expect(error.details).toEqual([{ path: "records[1].id", message: expect.stringContaining("r2") }]);
    expect((await hourPoint(name, "accuracy")).n).toBe(3);

    // An Idempotency-Key replays the first answer.
    const key = `quality-key-${suffix}`;
    const body = { model: name, version: "v1", records: [{ id: "r5", ts: inHour(14), prediction: 1, score: 0.9 }] };
    const once = await post("/ingest/predictions", body, { "idempotency-key": key });
    const twice = await post("/ingest/predictions", body, { "idempotency-key": key });
    expect([once.status, twice.status]).toEqual([202, 202]);
    expect(twice.headers.get("idempotent-replayed")).toBe("true");
    expect((await hourPoint(name, "accuracy")).n).toBe(4);
  });

  it("refuses bad scores, labels, predictions and versions with 422 naming each field, storing nothing", async () => {
    const name = `quality-bad-${suffix}`;
    await createModel(name, "binary_classification", ["v1"]);
    const good = { id: "g1", ts: inHour(20), prediction: 1, score: 0.5 };
    // 1e400 is valid JSON that parses to Infinity: written into the body as text.
    const badScores = JSON.stringify({
      model: name,
      version: "v1",
      records: [good, { ...good, id: "g2", score: 1.5 }, { ...good, id: "g3", score: "INFINITE" }],
    }).replace('"INFINITE"', "1e400");
    const scores = await post("/ingest/predictions", badScores);
    expect(scores.status).toBe(422);
    expect((await errorOf(scores)).details?.map((d) => d.path)).toEqual(["records[1].score", "records[2].score"]);

    const badPredictions = await post("/ingest/predictions", {
      model: name,
      version: "v1",
      records: [good, { ...good, id: "g2", prediction: 2 }, { ...good, id: "g3", prediction: "yes" }],
    });
    expect(badPredictions.status).toBe(422);
    expect((await errorOf(badPredictions)).details?.map((d) => d.path)).toEqual(["records[1].prediction", "records[2].prediction"]);

    const unknownVersion = await post("/ingest/predictions", { model: name, version: "v9", records: [good] });
    expect(unknownVersion.status).toBe(422);
    expect((await errorOf(unknownVersion)).details?.map((d) => d.path)).toEqual(["version"]);

    const badLabels = await post("/ingest/labels", {
      model: name,
      records: [
        { id: "g1", label: 1 },
        { id: "g2", label: "yes" },
      ],
    });
    expect(badLabels.status).toBe(422);
    expect((await errorOf(badLabels)).details?.map((d) => d.path)).toEqual(["records[1].label"]);

    const unknownModel = await post("/ingest/labels", { model: `no-such-${suffix}`, records: [{ id: "g1", label: 1 }] });
    expect(unknownModel.status).toBe(422);
    expect((await errorOf(unknownModel)).details?.map((d) => d.path)).toEqual(["model"]);

    const answer = await quality(name, `metric=accuracy&bucket=hour&${WINDOW}`);
    expect(answer.series).toEqual([]);
    // The label of the refused batch was not kept either: a prediction arriving now finds none.
    expect((await post("/ingest/predictions", { model: name, version: "v1", records: [good] })).status).toBe(202);
    expect((await hourPoint(name, "accuracy")).n_labeled).toBe(0);
  });

  it("refuses a bucket other than hour or day, a range over 90 days and a metric that does not fit the task", async () => {
    const ask = (query: string) => machine.get(`/api/v1/models/${binary}/quality?${query}`);
    const bucket = await ask(`metric=accuracy&bucket=minute&${WINDOW}`);
    expect(bucket.status).toBe(422);
    expect((await errorOf(bucket)).details?.map((d) => d.path)).toEqual(["bucket"]);
    const range = await ask("metric=accuracy&bucket=day&from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z");
    expect(range.status).toBe(422);
    expect((await errorOf(range)).details?.map((d) => d.path)).toEqual(["from"]);
    const misfit = await ask(`metric=rmse&bucket=day&${WINDOW}`);
    expect(misfit.status).toBe(422);
    expect((await errorOf(misfit)).details?.map((d) => d.path)).toEqual(["metric"]);
    const lead = await signedIn(baseUrl, "lead@example.com");
    expect((await lead.request("POST", "/api/v1/ingest/labels", { model: binary, records: [] })).status).toBe(403);
  });

  it("estimates quality from the scores before labels arrive, calibrated by isotonic regression on a labeled reference", async () => {
    // Unlabeled traffic on v2: scores 0.2 (predicted 0) and 0.8 (predicted 1).
    const records = [
      { id: "e1", ts: inHour(30), prediction: 0, score: 0.2 },
      { id: "e2", ts: inHour(31), prediction: 1, score: 0.8 },
    ];
    expect((await post("/ingest/predictions", { model: binary, version: "v2", records })).status).toBe(202);
    // Taken as calibrated: TP = 0.8, FP = 0.2, FN = 0.2, TN = 0.8, so accuracy 0.8; the expected
    // ROC curve (0,0) → (0.2, 0.8) → (1, 1) has area 0.8.
    let point = await hourPoint(binary, "accuracy", "v2");
    expect([point.n, point.n_labeled, point.realized]).toEqual([2, 0, null]);
    expect(point.estimated).toBeCloseTo(0.8, 12);
    expect((await hourPoint(binary, "roc_auc", "v2")).estimated).toBeCloseTo(0.8, 12);

    // A reference whose labels do not depend on the score: isotonic regression pools it flat at
    // 0.5, every record's calibrated probability is 0.5, and the estimates say a coin flip.
    const referenceRecords = Array.from({ length: 200 }, (_, i) => ({ features: { x: i }, prediction: i % 2, score: i / 200, label: i % 2 === 0 ? 1 : 0 }));
    const uploaded = await post(`/models/${binary}/versions/v2/reference`, { records: referenceRecords });
    expect(uploaded.status).toBe(201);
    point = await hourPoint(binary, "accuracy", "v2");
    expect(point.estimated).toBeCloseTo(0.5, 12);
    expect((await hourPoint(binary, "roc_auc", "v2")).estimated).toBeCloseTo(0.5, 12);
    // Estimates exist for the CBPE metrics only.
    expect((await hourPoint(binary, "log_loss", "v2")).estimated).toBeNull();

    const badReference = await post(`/models/${binary}/versions/v2/reference`, { records: [{ features: { x: 1 }, score: 2 }] });
    expect(badReference.status).toBe(422);
    expect((await errorOf(badReference)).details?.map((d) => d.path)).toEqual(["records[0].score"]);
  });

  it("feeds the features of predictions into drift, as /ingest/features does", async () => {
    const name = `quality-drift-${suffix}`;
    await createModel(name, "regression", ["v1"]);
    const referenceRecords = Array.from({ length: 50 }, (_, i) => ({ features: { amount: i } }));
    expect((await post(`/models/${name}/versions/v1/reference`, { records: referenceRecords })).status).toBe(201);
    const records = Array.from({ length: 40 }, (_, i) => ({ id: `d${i}`, ts: inHour(i), prediction: i * 1.5, features: { amount: 100 + i } }));
    expect((await post("/ingest/predictions", { model: name, version: "v1", records })).status).toBe(202);
    const drift = (await (await machine.get(`/api/v1/models/${name}/drift?version=v1&${WINDOW}`)).json()) as {
      current_size: number;
      features: { feature: string; drifted: boolean }[];
    };
    expect(drift.current_size).toBe(40);
    expect(drift.features).toEqual([expect.objectContaining({ feature: "amount", drifted: true })]);
    // An exact repeat stores nothing new, in drift either.
    expect((await post("/ingest/predictions", { model: name, version: "v1", records })).status).toBe(202);
    expect(((await (await machine.get(`/api/v1/models/${name}/drift?version=v1&${WINDOW}`)).json()) as { current_size: number }).current_size).toBe(40);
  });

  it("multiclass and regression metrics equal scikit-learn's", async () => {
    const multiclass = `quality-multi-${suffix}`;
    await createModel(multiclass, "multiclass_classification", ["v1"]);
    const classes = reference.multiclass.find((c) => c.name.startsWith("300 noisy records"))!;
    const predictions = classes.y_pred.map((prediction, i) => ({ id: `m${i}`, ts: inHour(i), prediction }));
    expect((await post("/ingest/predictions", { model: multiclass, version: "v1", records: predictions })).status).toBe(202);
    expect((await post("/ingest/labels", { model: multiclass, records: classes.y_true.map((label, i) => ({ id: `m${i}`, label })) })).status).toBe(202);
    for (const [metric, expected] of Object.entries(classes.expected)) {
      const point = await hourPoint(multiclass, metric);
      expect(agrees(point.realized, expected), `${metric}: ${point.realized} vs ${expected}`).toBe(true);
      expect(point.estimated).toBeNull();
    }

    const regression = `quality-reg-${suffix}`;
    await createModel(regression, "regression", ["v1"]);
    const values = reference.regression.find((c) => c.name.startsWith("400 noisy records"))!;
    const records = values.y_pred.map((prediction, i) => ({ id: `x${i}`, ts: inHour(i), prediction }));
    expect((await post("/ingest/predictions", { model: regression, version: "v1", records })).status).toBe(202);
    expect((await post("/ingest/labels", { model: regression, records: values.y_true.map((label, i) => ({ id: `x${i}`, label })) })).status).toBe(202);
    for (const [metric, expected] of Object.entries(values.expected)) {
      const point = await hourPoint(regression, metric);
      expect(agrees(point.realized, expected), `${metric}: ${point.realized} vs ${expected}`).toBe(true);
    }
    const day = await quality(regression, `metric=mae&bucket=day&${WINDOW}`);
    expect(day.series[0].points.map((p) => [p.ts, p.n])).toEqual([["2026-11-20T00:00:00.000Z", 400]]);
  });

  it("tells the demo's story: labels two days late, fraud-detector's estimated ROC AUC falls with the drift episode and the late labels confirm it", async () => {
    const now = Date.now();
    const hours = (h: number) => new Date(now - h * 3_600_000).toISOString();
    const answer = await quality("fraud-detector", `metric=roc_auc&bucket=hour&version=v3&from=${hours(6 * 24)}&to=${hours(0)}`);
    const points = answer.series[0].points.map((p) => ({ ...p, age: (now - Date.parse(p.ts)) / 3_600_000 }));
    const mean = (values: (number | null)[]) => values.reduce<number>((sum, v) => sum + v!, 0) / values.length;
    const between = (older: number, newer: number) => points.filter((p) => p.age <= older && p.age > newer);

    // Realized stops two days ago; estimated carries on to now.
    for (const p of between(6 * 24 - 1, 49)) expect([p.n_labeled, p.realized === null]).toEqual([p.n, false]);
    for (const p of between(47, 0)) {
      expect([p.n_labeled, p.realized]).toEqual([0, null]);
      expect(p.estimated).not.toBeNull();
    }
    const before = between(6 * 24 - 1, 73);
    const episodeLabeled = between(71, 49);
    const episodeUnlabeled = between(47, 1);
    expect(mean(episodeUnlabeled.map((p) => p.estimated))).toBeLessThan(mean(before.map((p) => p.estimated)) - 0.08);
    expect(mean(episodeLabeled.map((p) => p.estimated))).toBeLessThan(mean(before.map((p) => p.estimated)) - 0.08);
    expect(mean(episodeLabeled.map((p) => p.realized))).toBeLessThan(mean(before.map((p) => p.realized)) - 0.08);
    // Calibrated on the reference, the estimate tracks what the labels later say.
    expect(Math.abs(mean(before.map((p) => p.estimated)) - mean(before.map((p) => p.realized)))).toBeLessThan(0.03);

    const eta = await quality("delivery-eta", `metric=mae&bucket=day&version=v2&from=${hours(6 * 24)}&to=${hours(0)}`);
    const labeledDays = eta.series[0].points.filter((p) => p.n_labeled > 0);
    expect(labeledDays.length).toBeGreaterThanOrEqual(3);
    for (const p of labeledDays) {
      expect(p.realized!).toBeGreaterThan(2);
      expect(p.realized!).toBeLessThan(6);
      expect(p.realized_low!).toBeLessThan(p.realized!);
    }
  });
});
