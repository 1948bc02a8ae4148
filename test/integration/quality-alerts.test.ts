import { describe, expect, inject, it } from "vitest";
import { DEMO_KEY, keySession, signedIn } from "../support/http";
import { waitFor } from "../support/webhook-receiver";

const servers = inject("servers");
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
// The shared servers evaluate rules every 15 s; a busy machine may take a few ticks.
const TICKS_MS = 90_000;

interface Rule {
  id: string;
  state: string | null;
  last_value: number | null;
}

interface Incident {
  rule_id: string;
  kind: string;
  status: string;
  summary: string;
}

async function json<T>(res: Response, status: number): Promise<T> {
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return JSON.parse(body) as T;
}

describe.each(servers)("the quality alert kind on $engine", ({ baseUrl }) => {
  const machine = keySession(baseUrl, DEMO_KEY);

  it(
    "pages on the estimated metric before any label exists, while the realized metric of the same window stays clear",
    async () => {
      const oncall = await signedIn(baseUrl, "oncall@example.com");
      const model = `qalert-${unique()}`;
      await json(await machine.request("POST", "/api/v1/models", { name: model, task: "binary_classification" }), 201);
      await json(await machine.request("POST", `/api/v1/models/${model}/versions`, { version: "v1" }), 201);
      // Scores of 0.45 and 0.55: they rank the labels perfectly (realized ROC AUC 1), yet taken as
      // calibrated probabilities they promise little (estimated ROC AUC 0.55).
      const now = Date.now();
      const records = Array.from({ length: 300 }, (_, i) => ({
        id: `r-${i}`,
        ts: new Date(now - 60_000 - i * 1000).toISOString(),
        prediction: i % 2,
        score: i % 2 ? 0.55 : 0.45,
      }));
      await json(await machine.request("POST", "/api/v1/ingest/predictions", { model, version: "v1", records }), 202);

      const rule = (source: string) =>
        oncall.request("POST", "/api/v1/alert-rules", {
          name: `${source} AUC of ${model}`,
          kind: "quality",
          target: { model, version: "v1" },
          condition: { metric: "roc_auc", source, window_seconds: 3600, op: "<", threshold: 0.7 },
          severity: "warning",
        });
      const estimated = await json<Rule>(await rule("estimated"), 201);
      const realized = await json<Rule>(await rule("realized"), 201);

      const [incident] = await waitFor(
        "the estimated rule's incident",
        async () => {
          const { incidents } = await json<{ incidents: Incident[] }>(await oncall.get("/api/v1/incidents"), 200);
          const found = incidents.filter((i) => i.rule_id === estimated.id);
          return found.length ? found : null;
        },
        TICKS_MS,
      );
      expect(incident).toMatchObject({ kind: "quality", status: "open", summary: expect.stringContaining("estimated ROC AUC over 1 h is 0.55 < 0.7") });

      // Without labels the realized rule has nothing to judge: no data, not clear.
      const rules = async () => (await json<{ rules: Rule[] }>(await oncall.get("/api/v1/alert-rules"), 200)).rules;
      await waitFor("the realized rule's first look", async () => (await rules()).find((r) => r.id === realized.id && r.state === "no_data"), TICKS_MS);

      // The labels come: the realized metric is 1, clear.
      const labels = records.map((r) => ({ id: r.id, label: r.prediction }));
      await json(await machine.request("POST", "/api/v1/ingest/labels", { model, records: labels }), 202);
      const judged = await waitFor("the realized rule to clear", async () => (await rules()).find((r) => r.id === realized.id && r.state === "ok"), TICKS_MS);
      expect(judged.last_value).toBe(1);
    },
    TICKS_MS * 3,
  );

  it("refuses a quality condition that is not one: 422 naming each field", async () => {
    const oncall = await signedIn(baseUrl, "oncall@example.com");
    const res = await oncall.request("POST", "/api/v1/alert-rules", {
      name: "bad",
      kind: "quality",
      target: { model: "fraud-detector" },
      condition: { metric: "auc", source: "guessed", window_seconds: 60, op: "<", threshold: "high" },
      severity: "info",
    });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { details: { path: string }[] } };
    expect(error.details.map((d) => d.path).sort()).toEqual(["condition.metric", "condition.source", "condition.threshold", "condition.window_seconds"]);
  });
});
