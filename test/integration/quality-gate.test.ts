import { beforeAll, describe, expect, inject, it } from "vitest";
import type { PromotionView } from "@/lib/governance/views";
import { DEMO_KEY, keySession, signedIn, type Session } from "../support/http";

const servers = inject("servers");

type Promotion = PromotionView;

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
const CARD = "# Model card\n\nIntended use, training data, evaluation, limitations.";

async function json<T>(res: Response, status: number): Promise<T> {
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return JSON.parse(body) as T;
}

const qualityGate = (p: Promotion) => p.gates.find((g) => g.name === "quality_vs_production")!;

/**
 * Labeled predictions of the last day: every prediction is right (recall 1, accuracy 1), and the
 * scores rank the classes perfectly (`ranks: "well"`, ROC AUC 1) or exactly backwards (ROC AUC 0).
 */
function labeledTraffic(prefix: string, count: number, ranks: "well" | "backwards") {
  const now = Date.now();
  const predictions = Array.from({ length: count }, (_, i) => {
    const label = i % 2;
    const score = (ranks === "well") === (label === 1) ? 0.8 : 0.2;
    return { id: `${prefix}-${i}`, ts: new Date(now - 3_600_000 - i * 60_000).toISOString(), prediction: label, score };
  });
  const labels = predictions.map((p) => ({ id: p.id, label: p.prediction }));
  return { predictions, labels };
}

describe.each(servers)("the quality gate on promotions, on $engine", ({ baseUrl }) => {
  const machine = keySession(baseUrl, DEMO_KEY);
  let lead: Session, lead2: Session, compliance: Session;

  beforeAll(async () => {
    [lead, lead2, compliance] = await Promise.all(["lead", "lead2", "compliance"].map((n) => signedIn(baseUrl, `${n}@example.com`)));
  });

  async function request(model: string, version: string, target_stage: "staging" | "production"): Promise<Promotion> {
    return json<Promotion>(await lead.request("POST", "/api/v1/promotions", { model, version, target_stage, justification: `promote ${version}` }), 201);
  }

  async function approve(id: string, who: Session): Promise<Promotion> {
    return json<Promotion>(await who.request("POST", `/api/v1/promotions/${id}/approve`, {}), 200);
  }

  /** A binary classifier whose v1 is in production (through the real flow) and v2 registered, with no traffic yet. */
  async function modelWithProduction(): Promise<string> {
    const name = `qgate-${unique()}`;
    await json(await lead.request("POST", "/api/v1/models", { name, task: "binary_classification" }), 201);
    for (const version of ["v1", "v2"]) await json(await lead.request("POST", `/api/v1/models/${name}/versions`, { version, model_card: CARD }), 201);
    await approve((await request(name, "v1", "staging")).id, lead2);
    const production = await request(name, "v1", "production");
    // Nothing in production to compare against: not applicable, never passed.
    expect(qualityGate(production)).toMatchObject({ status: "not_applicable", passed: true });
    await approve(production.id, lead2);
    expect((await approve(production.id, compliance)).status).toBe("executed");
    return name;
  }

  async function send(model: string, version: string, traffic: ReturnType<typeof labeledTraffic>) {
    await json(await machine.request("POST", "/api/v1/ingest/predictions", { model, version, records: traffic.predictions }), 202);
    await json(await machine.request("POST", "/api/v1/ingest/labels", { model, records: traffic.labels }), 202);
  }

  it("blocks a candidate whose realized primary metric is worse than production's, and keeps blocking after the requester changes the metric", async () => {
    const model = await modelWithProduction();
    await send(model, "v1", labeledTraffic("p", 240, "well"));
    await send(model, "v2", labeledTraffic("c", 240, "backwards"));

    const requested = await request(model, "v2", "staging");
    expect(requested.quality_evidence).toEqual({ task: "binary_classification", metric: "roc_auc" });
    expect(qualityGate(requested)).toMatchObject({ status: "failed", passed: false });
    expect(qualityGate(requested).detail).toMatch(/^ROC AUC 0 \(240 labeled, .*\) vs 1 \(240 labeled, .*\) in production v1, last 7 days: worse by 100%/);

    // The requester picks a metric on which the candidate looks fine: recall is 1 on both sides.
    await json(await lead.request("PATCH", `/api/v1/models/${model}`, { primary_metric: "recall" }), 200);
    const approved = await approve(requested.id, lead2);
    expect(approved.status).toBe("pending");
    expect(approved.quality_evidence).toEqual({ task: "binary_classification", metric: "roc_auc" });
    expect(qualityGate(approved)).toMatchObject({ status: "failed", passed: false, detail: expect.stringContaining("ROC AUC") });

    // A new request is judged by the metric in force now.
    await json(await lead.request("POST", `/api/v1/promotions/${requested.id}/withdraw`, {}), 200);
    const again = await request(model, "v2", "staging");
    expect(again.quality_evidence).toEqual({ task: "binary_classification", metric: "recall" });
    expect(qualityGate(again)).toMatchObject({ status: "passed", passed: true, detail: expect.stringMatching(/^Recall 1 \(240 labeled/) });
    expect((await approve(again.id, lead2)).status).toBe("executed");
  });

  it("passes with “not enough labeled traffic” below 200 labeled predictions on either side, and lets a good candidate through", async () => {
    const model = await modelWithProduction();
    await send(model, "v1", labeledTraffic("p", 240, "well"));
    const thin = labeledTraffic("c", 240, "backwards");
    // 199 of the candidate's predictions have their labels; the 41 others wait for theirs.
    await json(await machine.request("POST", "/api/v1/ingest/predictions", { model, version: "v2", records: thin.predictions }), 202);
    await json(await machine.request("POST", "/api/v1/ingest/labels", { model, records: thin.labels.slice(0, 199) }), 202);

    const requested = await request(model, "v2", "staging");
    expect(qualityGate(requested)).toMatchObject({ status: "not_applicable", passed: true });
    expect(qualityGate(requested).detail).toMatch(/^not enough labeled traffic: 199 labeled predictions for v2 and 240 for production v1/);
    await json(await lead.request("POST", `/api/v1/promotions/${requested.id}/withdraw`, {}), 200);

    // The labels come, and correct the first ones: the candidate's scores rank them as well as production's.
    const corrected = thin.predictions.map((p) => ({ id: p.id, label: 1 - p.prediction }));
    await json(await machine.request("POST", "/api/v1/ingest/labels", { model, records: corrected }), 202);
    const passing = await request(model, "v2", "staging");
    expect(qualityGate(passing)).toMatchObject({ status: "passed", passed: true });
    expect((await approve(passing.id, lead2)).status).toBe("executed");
  });

  it("is not applicable for a model without a quality task", async () => {
    const name = `qgate-free-${unique()}`;
    await json(await lead.request("POST", "/api/v1/models", { name, task: "learning to rank" }), 201);
    await json(await lead.request("POST", `/api/v1/models/${name}/versions`, { version: "v1", model_card: CARD }), 201);
    const requested = await request(name, "v1", "staging");
    expect(requested.quality_evidence).toBeNull();
    expect(qualityGate(requested)).toMatchObject({ status: "not_applicable", passed: true, detail: "the model had no quality task when the request was made" });
  });
});
