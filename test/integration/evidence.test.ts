import { describe, expect, inject, it } from "vitest";
import type { PromotionView } from "@/lib/governance/views";
import { DEMO_KEY, keySession, signedIn, type Session } from "../support/http";

const servers = inject("servers");

type Promotion = PromotionView;

interface RunView {
  run_id: string;
  status: string;
  finished_at: string | null;
  rows_out: number | null;
  checks: { name: string; passed: boolean }[];
  produces: { model: string; version: string } | null;
}

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
const CARD = "# Model card\n\nIntended use, training data, evaluation, limitations.";
/** 200 evenly spread values from `start`: two such samples far apart drift under every method. */
const spread = (start: number) => Array.from({ length: 200 }, (_, i) => start + i / 200);

async function json<T>(res: Response, status: number): Promise<T> {
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return JSON.parse(body) as T;
}

const gate = (p: Promotion, name: string) => p.gates.find((g) => g.name === name)!;

describe.each(servers)("gate evidence the requester cannot change, on $engine", ({ baseUrl }) => {
  const machine = keySession(baseUrl, DEMO_KEY);
  let lead: Session, lead2: Session, admin: Session, viewer: Session;

  async function sessions() {
    [lead, lead2, admin, viewer] = await Promise.all(["lead", "lead2", "admin", "viewer"].map((n) => signedIn(baseUrl, `${n}@example.com`)));
  }

  async function freshModel(versions = ["v1"]): Promise<string> {
    const name = `ev-${unique()}`;
    await json(await lead.request("POST", "/api/v1/models", { name }), 201);
    for (const version of versions) await json(await lead.request("POST", `/api/v1/models/${name}/versions`, { version, model_card: CARD }), 201);
    return name;
  }

  /** A reference around 0 and the last hour's traffic around 5: `amount` drifts. */
  async function drifting(model: string) {
    await json(
      await lead.request("POST", `/api/v1/models/${model}/versions/v1/reference`, { records: spread(0).map((amount) => ({ features: { amount } })) }),
      201,
    );
    const ts = new Date(Date.now() - 60_000).toISOString();
    await json(
      await machine.request("POST", "/api/v1/ingest/features", { model, version: "v1", records: spread(5).map((amount) => ({ ts, features: { amount } })) }),
      202,
    );
  }

  async function request(model: string, version = "v1", who = lead): Promise<Promotion> {
    return json<Promotion>(await who.request("POST", "/api/v1/promotions", { model, version, target_stage: "staging", justification: "ship it" }), 201);
  }

  async function liveDrift(model: string) {
    return json<{ drifted: boolean; features: { feature: string; drifted: boolean }[] }>(await viewer.get(`/api/v1/models/${model}/drift?version=v1`), 200);
  }

  async function postRun(body: Record<string, unknown>) {
    return machine.request("POST", "/api/v1/ingest/pipeline-runs", body);
  }

  async function runs(pipeline: string): Promise<RunView[]> {
    return (await json<{ runs: RunView[] }>(await viewer.get(`/api/v1/pipelines/${encodeURIComponent(pipeline)}`), 200)).runs;
  }

  async function audit(query: string) {
    return (
      await json<{ entries: { action: string; actor: string; target: string; outcome: string; detail: Record<string, unknown> }[] }>(
        await admin.get(`/api/v1/audit?${query}`),
        200,
      )
    ).entries;
  }

  it("keeps the drift settings in force at request time: thresholds raised afterwards do not disarm the gate", async () => {
    await sessions();
    const model = await freshModel();
    await drifting(model);
    const requested = await request(model);
    expect(gate(requested, "no_drift")).toMatchObject({ status: "failed", passed: false });

    // The requester makes the live view calm: a distance method with a threshold no data reaches.
    await json(
      await lead.request("PUT", `/api/v1/models/${model}/drift-settings`, { settings: [{ feature: "amount", method: "wasserstein", threshold: 1e9 }] }),
      200,
    );
    expect((await liveDrift(model)).drifted).toBe(false);

    const approved = await json<Promotion>(await lead2.request("POST", `/api/v1/promotions/${requested.id}/approve`, {}), 200);
    expect(approved.status).toBe("pending");
    expect(gate(approved, "no_drift")).toMatchObject({ status: "failed", passed: false, detail: expect.stringContaining("amount") });
  });

  it("keeps the reference sample in force at request time: a replaced reference does not disarm the gate", async () => {
    await sessions();
    const model = await freshModel();
    await drifting(model);
    const requested = await request(model);
    expect(gate(requested, "no_drift").status).toBe("failed");

    // The requester uploads today's traffic as the reference: live, nothing drifts any more.
    await json(
      await lead.request("POST", `/api/v1/models/${model}/versions/v1/reference`, { records: spread(5).map((amount) => ({ features: { amount } })) }),
      201,
    );
    expect((await liveDrift(model)).drifted).toBe(false);

    const approved = await json<Promotion>(await lead2.request("POST", `/api/v1/promotions/${requested.id}/approve`, {}), 200);
    expect(approved.status).toBe("pending");
    expect(gate(approved, "no_drift")).toMatchObject({ status: "failed", passed: false });
    // A new request is judged by what is in force now.
    await json(await lead.request("POST", `/api/v1/promotions/${requested.id}/withdraw`, {}), 200);
    expect(gate(await request(model), "no_drift").status).toBe("passed");
  });

  it("shows missing evidence as not applicable, never as passed, and require_producing_run makes it fail", async () => {
    await sessions();
    const model = await freshModel(["v1", "v2"]);
    const first = await request(model);
    expect(gate(first, "pipeline_run")).toMatchObject({ status: "not_applicable", passed: true, detail: "no producing pipeline run recorded" });
    expect(gate(first, "no_drift")).toMatchObject({ status: "not_applicable", passed: true });
    expect(gate(first, "metrics_no_worse")).toMatchObject({ status: "not_applicable", passed: true });
    expect(gate(first, "model_card")).toMatchObject({ status: "passed", passed: true });

    const policies = await json<{ policies: { target_stage: string; required_approvals: Record<string, number>; metric_tolerance: number }[] }>(
      await viewer.get("/api/v1/policies"),
      200,
    );
    const staging = policies.policies.find((p) => p.target_stage === "staging")!;
    const put = (require_producing_run: boolean) =>
      admin.request("PUT", "/api/v1/policies/staging", {
        required_approvals: staging.required_approvals,
        metric_tolerance: staging.metric_tolerance,
        require_producing_run,
      });
    expect(await json(await put(true), 200)).toMatchObject({ require_producing_run: true });
    try {
      const strict = await request(model, "v2");
      expect(gate(strict, "pipeline_run")).toMatchObject({ status: "failed", passed: false, detail: expect.stringMatching(/no producing pipeline run/) });
      // The earlier request keeps the policy it was made under.
      const again = await json<Promotion>(await viewer.get(`/api/v1/promotions/${first.id}`), 200);
      expect(gate(again, "pipeline_run").status).toBe("not_applicable");
    } finally {
      expect(await json(await put(false), 200)).toMatchObject({ require_producing_run: false });
    }
  });

  it("answers every gate with its status and production's value; require_drift_data and require_labeled_traffic turn missing evidence into failures", async () => {
    await sessions();
    const compliance = await signedIn(baseUrl, "compliance@example.com");
    const model = await freshModel(["v1", "v2", "v3"]);
    // v1 reaches production through both stages, so v2 has something to be compared with.
    const toStaging = await request(model);
    expect((await json<Promotion>(await lead2.request("POST", `/api/v1/promotions/${toStaging.id}/approve`, {}), 200)).status).toBe("executed");
    const toProduction = await json<Promotion>(
      await lead.request("POST", "/api/v1/promotions", { model, version: "v1", target_stage: "production", justification: "ship it" }),
      201,
    );
    await json(await lead2.request("POST", `/api/v1/promotions/${toProduction.id}/approve`, {}), 200);
    expect((await json<Promotion>(await compliance.request("POST", `/api/v1/promotions/${toProduction.id}/approve`, {}), 200)).status).toBe("executed");

    const lenient = await request(model, "v2");
    for (const g of lenient.gates) expect(Object.keys(g).sort()).toEqual(["detail", "name", "passed", "production", "status", "waived"]);
    expect(gate(lenient, "no_drift")).toMatchObject({ status: "not_applicable", passed: true, production: "v1: no reference sample: drift cannot be judged" });
    expect(gate(lenient, "quality_vs_production")).toMatchObject({ status: "not_applicable", passed: true });
    expect(gate(lenient, "pipeline_run")).toMatchObject({ status: "not_applicable", production: "v1: no producing pipeline run recorded" });
    expect(gate(lenient, "metrics_no_worse")).toMatchObject({ production: "v1 declares no metrics" });
    expect(gate(lenient, "model_card").production).toBeNull();
    expect(lenient.policy).toMatchObject({ require_producing_run: false, require_drift_data: false, require_labeled_traffic: false });

    const staging = (await json<{ policies: { target_stage: string; metric_tolerance: number }[] }>(await viewer.get("/api/v1/policies"), 200)).policies.find(
      (p) => p.target_stage === "staging",
    )!;
    const put = (required: boolean) =>
      admin.request("PUT", "/api/v1/policies/staging", {
        required_approvals: { ml_lead: 1 },
        metric_tolerance: 0.05,
        require_producing_run: false,
        require_drift_data: required,
        require_labeled_traffic: required,
      });
    expect(await json(await put(true), 200)).toMatchObject({ require_drift_data: true, require_labeled_traffic: true, require_producing_run: false });
    try {
      expect(
        (await json<{ policies: { target_stage: string; require_drift_data: boolean }[] }>(await viewer.get("/api/v1/policies"), 200)).policies,
      ).toContainEqual(expect.objectContaining({ target_stage: "staging", require_drift_data: true, require_labeled_traffic: true }));
      const strict = await request(model, "v3");
      expect(strict.policy).toMatchObject({ require_drift_data: true, require_labeled_traffic: true });
      expect(gate(strict, "no_drift")).toMatchObject({ status: "failed", passed: false, detail: expect.stringMatching(/, and the policy requires it$/) });
      expect(gate(strict, "quality_vs_production")).toMatchObject({
        status: "failed",
        passed: false,
        detail: expect.stringMatching(/, and the policy requires it$/),
      });
      expect(gate(strict, "pipeline_run").status).toBe("not_applicable");
      // The earlier request keeps the policy it was made under, at every evaluation.
      const again = await json<Promotion>(await lead2.request("POST", `/api/v1/promotions/${lenient.id}/approve`, {}), 200);
      expect(again.status).toBe("executed");
      expect(gate(again, "no_drift").status).toBe("not_applicable");
    } finally {
      await json(
        await admin.request("PUT", "/api/v1/policies/staging", {
          required_approvals: { ml_lead: 1 },
          metric_tolerance: staging.metric_tolerance,
          require_producing_run: false,
        }),
        200,
      );
    }
  });

  it("previews a request's gates before it is made, and refuses a duplicate with the reason and the open request", async () => {
    await sessions();
    const model = await freshModel(["v1"]);
    const preview = (who: Session = lead) => who.get(`/api/v1/promotions/preview?model=${model}&version=v1&target_stage=staging`);
    const before = await json<{ gates: Promotion["gates"]; refusal: string | null; open_request: string | null }>(await preview(), 200);
    expect(before.gates.map((g) => [g.name, g.status])).toEqual([
      ["model_card", "passed"],
      ["metrics_no_worse", "not_applicable"],
      ["no_drift", "not_applicable"],
      ["pipeline_run", "not_applicable"],
      ["quality_vs_production", "not_applicable"],
    ]);
    expect(before).toMatchObject({ refusal: null, open_request: null });
    // A preview records nothing.
    expect(
      (await json<{ promotions: Promotion[] }>(await viewer.get("/api/v1/promotions?status=pending"), 200)).promotions.some((p) => p.model === model),
    ).toBe(false);

    const open = await request(model);
    const after = await json<{ refusal: string | null; open_request: string | null }>(await preview(), 200);
    expect(after).toMatchObject({ refusal: `An open request to promote ${model} v1 to staging already exists`, open_request: open.id });
    const duplicate = await lead.request("POST", "/api/v1/promotions", { model, version: "v1", target_stage: "staging", justification: "again" });
    expect(duplicate.status).toBe(409);
    expect(((await duplicate.json()) as { error: { message: string } }).error.message).toBe(after.refusal);

    expect((await preview(viewer)).status).toBe(403);
    expect((await lead.get(`/api/v1/promotions/preview?model=${model}&version=v9&target_stage=staging`)).status).toBe(404);
  });

  it("keeps a finished run's outcome: the other final status is refused with 409 and audited; rows, checks and finish time may follow", async () => {
    await sessions();
    const model = await freshModel();
    const pipeline = `train-${unique()}`;
    const started_at = new Date(Date.now() - 120_000).toISOString();
    const failed = { pipeline, run_id: "r1", status: "failed", started_at, error: "OOM", produces: { model, version: "v1" } };
    await json(await postRun(failed), 202);
    const requested = await request(model);
    expect(gate(requested, "pipeline_run")).toMatchObject({ status: "failed", passed: false });

    // A leaked ingest key tries to turn the failure into a success.
    const forged = await postRun({ ...failed, status: "succeeded", error: undefined, checks: [{ name: "auc", passed: true }] });
    expect(forged.status).toBe(409);
    expect(((await forged.json()) as { error: { message: string } }).error.message).toMatch(/failed/);
    expect((await runs(pipeline))[0]).toMatchObject({ run_id: "r1", status: "failed", checks: [] });
    const refused = await audit(`action=pipeline.&target=${encodeURIComponent(pipeline)}`);
    expect(refused[0]).toMatchObject({ action: "pipeline.report_refused", outcome: "failure", actor: expect.stringMatching(/^key:/) });
    expect(refused[0].detail).toMatchObject({ run_id: "r1", status: "failed", reported_status: "succeeded" });

    // Through OpenLineage, the same.
    const olPipeline = { namespace: "ol", name: `job-${unique()}` };
    const fail = { eventType: "FAIL", eventTime: new Date().toISOString(), run: { runId: "ol-1" }, job: olPipeline };
    expect((await machine.request("POST", "/api/v1/lineage", fail)).status).toBe(202);
    expect((await machine.request("POST", "/api/v1/lineage", { ...fail, eventType: "COMPLETE" })).status).toBe(409);
    expect((await runs(`ol/${olPipeline.name}`))[0].status).toBe("failed");

    // The same final status again, with rows, a new check and the finish time: accepted.
    const finished_at = new Date().toISOString();
    await json(await postRun({ ...failed, rows_out: 12, checks: [{ name: "schema", passed: false }], finished_at }), 202);
    expect((await runs(pipeline))[0]).toMatchObject({ status: "failed", rows_out: 12, finished_at, checks: [{ name: "schema", passed: false }] });

    // At approval the gate still fails.
    const approved = await json<Promotion>(await lead2.request("POST", `/api/v1/promotions/${requested.id}/approve`, {}), 200);
    expect(approved.status).toBe("pending");
    expect(gate(approved, "pipeline_run").status).toBe("failed");
  });

  it("keeps the evidence a run gave: its checks' outcomes once finished, the version it produced, against any later run", async () => {
    await sessions();
    const model = await freshModel(["v1", "v2"]);
    const pipeline = `train-${unique()}`;
    const base = { pipeline, run_id: "r1", status: "succeeded", started_at: new Date(Date.now() - 60_000).toISOString(), produces: { model, version: "v1" } };
    await json(await postRun({ ...base, checks: [{ name: "auc", passed: false }] }), 202);
    const requested = await request(model);
    expect(gate(requested, "pipeline_run").status).toBe("failed");

    // Flip the failed check, or move the run to another version: each refused.
    expect((await postRun({ ...base, checks: [{ name: "auc", passed: true }] })).status).toBe(409);
    expect((await postRun({ ...base, produces: { model, version: "v2" } })).status).toBe(409);
    const [run] = await runs(pipeline);
    expect(run).toMatchObject({ run_id: "r1", checks: [{ name: "auc", passed: false }], produces: { model, version: "v1" } });
    // A second run claiming v1 is evidence too: it adds to the first, never replaces it.
    await json(await postRun({ ...base, run_id: "r2", checks: [] }), 202);
    expect((await runs(pipeline)).map((r) => r.run_id).sort()).toEqual(["r1", "r2"]);

    const approved = await json<Promotion>(await lead2.request("POST", `/api/v1/promotions/${requested.id}/approve`, {}), 200);
    expect(approved.status).toBe("pending");
    expect(gate(approved, "pipeline_run")).toMatchObject({ status: "failed", detail: expect.stringContaining("auc") });
  });
});
