import { describe, expect, inject, it } from "vitest";
import { DEMO_KEY, keySession, signedIn } from "../support/http";

interface FleetRow {
  name: string;
  status: string;
  production_version: string | null;
  status_reason: string | null;
  status_since: string | null;
  baseline: { before_promotion_of: string | null; p95_latency_ms: number | null } | null;
  quality: { metric: string; kind: string; value: number | null; baseline: number | null; change: number | null; dropped: boolean } | null;
}
interface Fleet {
  models: FleetRow[];
  attention: { kind: string; title: string; why: string; since: string | null }[];
}

describe.each(inject("servers"))("the Overview's fleet (GET /fleet) on $engine", ({ baseUrl }) => {
  const machine = keySession(baseUrl, DEMO_KEY);
  const fleet = async () => (await (await machine.get("/api/v1/fleet")).json()) as Fleet;

  it("sorts the demo fleet by severity: production problems first, models without signals last", async () => {
    const { models } = await fleet();
    expect(models[0]).toMatchObject({ name: "fraud-detector", status: "drifting" });
    const tiers = models.map((m) =>
      !m.production_version || m.status === "unknown" ? 3 : m.status === "drifting" || m.status === "degraded" ? 0 : m.quality?.dropped ? 1 : 2,
    );
    expect(tiers).toEqual([...tiers].sort((a, b) => a - b));
  });

  it("gives each model its primary metric: estimated for the last 24 h against the 7-day baseline, realized where there is no estimate", async () => {
    const { models } = await fleet();
    const fraud = models.find((m) => m.name === "fraud-detector")!;
    // The drift episode of the demo: the estimate has already fallen, before any label says so.
    expect(fraud.quality).toMatchObject({ metric: "roc_auc", kind: "estimated", dropped: true });
    expect(fraud.quality!.value!).toBeLessThan(fraud.quality!.baseline!);
    expect(fraud.quality!.change!).toBeCloseTo(fraud.quality!.value! - fraud.quality!.baseline!, 12);
    const churn = models.find((m) => m.name === "churn-predictor")!;
    expect(churn.quality).toMatchObject({ metric: "roc_auc", kind: "estimated", dropped: false });
    // A regression model has no estimate; its labels come two days late, so its last 24 h are still open.
    const eta = models.find((m) => m.name === "delivery-eta")!;
    expect(eta.quality).toMatchObject({ metric: "rmse", kind: "realized", value: null });
    expect(eta.quality!.baseline).toBeGreaterThan(0);
    expect(models.find((m) => m.name === "search-ranker")!.quality).toBeNull();
  });

  it("dates every Needs-attention row", async () => {
    const { attention } = await fleet();
    expect(attention.length).toBeGreaterThan(0);
    for (const item of attention) expect(item.since, item.title).not.toBeNull();
  });

  it("calls a latency step after a promotion degraded against the model's baseline before it, and says since when", async () => {
    const name = `fleet-step-${Date.now()}`;
    expect((await machine.request("POST", "/api/v1/models", { name })).status).toBe(201);
    for (const version of ["v1", "v2"])
      expect((await machine.request("POST", `/api/v1/models/${name}/versions`, { version, model_card: "# card" })).status).toBe(201);
    const lead = await signedIn(baseUrl, "lead@example.com");
    const lead2 = await signedIn(baseUrl, "lead2@example.com");
    const compliance = await signedIn(baseUrl, "compliance@example.com");
    const promote = async (version: string) => {
      for (const target of ["staging", "production"]) {
        const res = await lead.request("POST", "/api/v1/promotions", { model: name, version, target_stage: target, justification: "fleet test" });
        expect(res.status).toBe(201);
        const { id } = (await res.json()) as { id: string };
        expect((await lead2.request("POST", `/api/v1/promotions/${id}/approve`, {})).status).toBe(200);
        if (target === "production") expect((await compliance.request("POST", `/api/v1/promotions/${id}/approve`, {})).status).toBe(200);
      }
    };
    const report = async (version: string, p95: number) => {
      const points = [0, 1, 2].flatMap((i) => [
        { model: name, version, metric: "latency_p95_ms", ts: new Date(Date.now() - i * 1000).toISOString(), value: p95 },
        { model: name, version, metric: "error_rate", ts: new Date(Date.now() - i * 1000).toISOString(), value: 0.001 },
      ]);
      expect((await machine.request("POST", "/api/v1/ingest/metrics", { points })).status).toBe(202);
    };
    await promote("v1");
    await report("v1", 40);
    const steady = (await fleet()).models.find((m) => m.name === name)!;
    expect(steady.status).toBe("healthy");

    await promote("v2");
    await report("v2", 60);
    const after = await fleet();
    const row = after.models.find((m) => m.name === name)!;
    // 60 ms alone is no problem, and the day's own average moved with it: only the baseline tells.
    expect(row).toMatchObject({ status: "degraded", baseline: { before_promotion_of: "v2", p95_latency_ms: 40 } });
    expect(row.status_reason).toContain("1.5× its baseline before v2's promotion");
    expect(row.status_since).not.toBeNull();
    const item = after.attention.find((i) => i.kind === "model_degraded" && i.title.startsWith(name))!;
    expect(item).toMatchObject({ why: row.status_reason, since: row.status_since });
  });
});
