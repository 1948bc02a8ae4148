import { describe, expect, inject, it } from "vitest";
import { DEMO_KEY, keySession, signedIn } from "../support/http";

describe.each(inject("servers"))("model status in GET /models on $engine", ({ baseUrl }) => {
  const machine = keySession(baseUrl, DEMO_KEY);

  async function statusOf(name: string): Promise<string> {
    const { models } = (await (await machine.get("/api/v1/models")).json()) as { models: { name: string; status: string }[] };
    return models.find((m) => m.name === name)!.status;
  }

  /** A fresh model with v1 in production, promoted through the governance flow the contract requires. */
  async function modelInProduction(label: string): Promise<string> {
    const name = `status-${label}-${Date.now()}`;
    expect((await machine.request("POST", "/api/v1/models", { name })).status).toBe(201);
    expect((await machine.request("POST", `/api/v1/models/${name}/versions`, { version: "v1", model_card: "# card" })).status).toBe(201);
    const lead = await signedIn(baseUrl, "lead@example.com");
    const lead2 = await signedIn(baseUrl, "lead2@example.com");
    const compliance = await signedIn(baseUrl, "compliance@example.com");
    for (const target of ["staging", "production"]) {
      const res = await lead.request("POST", "/api/v1/promotions", { model: name, version: "v1", target_stage: target, justification: "status test" });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      expect((await lead2.request("POST", `/api/v1/promotions/${id}/approve`, {})).status).toBe(200);
      if (target === "production") expect((await compliance.request("POST", `/api/v1/promotions/${id}/approve`, {})).status).toBe(200);
    }
    return name;
  }

  async function report(name: string, errorRate: number) {
    const now = Date.now();
    const points = [0, 1, 2].flatMap((i) => [
      { model: name, version: "v1", metric: "error_rate", ts: new Date(now - i * 60_000).toISOString(), value: errorRate },
      { model: name, version: "v1", metric: "latency_p95_ms", ts: new Date(now - i * 60_000).toISOString(), value: 40 },
    ]);
    expect((await machine.request("POST", "/api/v1/ingest/metrics", { points })).status).toBe(202);
  }

  it("is unknown without signals, healthy with good metrics, degraded with a high error rate", async () => {
    const quiet = await modelInProduction("quiet");
    expect(await statusOf(quiet)).toBe("unknown");
    const fine = await modelInProduction("fine");
    await report(fine, 0.001);
    expect(await statusOf(fine)).toBe("healthy");
    const failing = await modelInProduction("errors");
    await report(failing, 0.2);
    expect(await statusOf(failing)).toBe("degraded");
  });
});
