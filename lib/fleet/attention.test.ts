import { describe, expect, it } from "vitest";
import { driftOnset, needsAttention, type AttentionInput } from "./attention";

const empty: AttentionInput = { pipelines: [], models: [], approvalsForViewer: [], reviewsForViewer: [] };
const pipeline = (name: string, status: string, extra: Partial<AttentionInput["pipelines"][number]> = {}) => ({
  name,
  status,
  reason: `${name} reason`,
  overdue_since: null,
  last_run: null,
  ...extra,
});

describe("needsAttention", () => {
  it("is empty when nothing is wrong and nothing waits", () => {
    expect(
      needsAttention({
        ...empty,
        pipelines: [pipeline("ok", "healthy"), pipeline("busy", "running")],
        models: [{ name: "m", status: "healthy", production_version: "v1" }],
      }),
    ).toEqual([]);
  });

  it("orders failing, stale, drifting, approvals, reviews, volume anomalies, degraded", () => {
    const items = needsAttention({
      pipelines: [pipeline("low", "volume_anomaly"), pipeline("quiet", "stale", { overdue_since: "2026-11-25T10:00:00Z" }), pipeline("broken", "failing")],
      models: [
        { name: "slow", status: "degraded", production_version: "v1" },
        { name: "shifty", status: "drifting", production_version: "v2" },
      ],
      approvalsForViewer: [
        { id: "p1", model: "m", version: "v4", target_stage: "production", requested_by: "lead@example.com", created_at: "2026-11-25T09:00:00Z" },
      ],
      reviewsForViewer: [{ id: "r1", model: "m", to_version: "v2", by: "oncall@example.com", at: "2026-11-25T08:00:00Z" }],
    });
    expect(items.map((i) => i.kind)).toEqual([
      "pipeline_failing",
      "pipeline_stale",
      "model_drifting",
      "approval_waiting",
      "review_waiting",
      "pipeline_volume",
      "model_degraded",
    ]);
    expect(items[0]).toMatchObject({ severity: "critical", why: "broken reason", href: "/pipelines/broken" });
    expect(items[1]).toMatchObject({ title: "Pipeline quiet stopped running", since: "2026-11-25T10:00:00Z" });
    expect(items[2].href).toBe("/drift?model=shifty");
    expect(items[3].href).toBe("/approvals/p1");
  });

  it("puts the longest-broken first within a kind", () => {
    const items = needsAttention({
      ...empty,
      pipelines: [pipeline("b", "stale", { overdue_since: "2026-11-25T12:00:00Z" }), pipeline("a", "stale", { overdue_since: "2026-11-25T06:00:00Z" })],
    });
    expect(items.map((i) => i.title)).toEqual(["Pipeline a stopped running", "Pipeline b stopped running"]);
  });

  it("puts critical incidents nobody acknowledged first, lesser ones after what is broken", () => {
    const items = needsAttention({
      ...empty,
      pipelines: [pipeline("broken", "failing")],
      openIncidents: [
        { id: "i2", rule: "error rate", severity: "warning", summary: "1.4 % ≥ 1 %", opened_at: "2026-11-25T11:00:00Z" },
        { id: "i1", rule: "p95 latency", severity: "critical", summary: "68 ms > 55 ms", opened_at: "2026-11-25T10:00:00Z" },
      ],
    });
    expect(items.map((i) => i.kind)).toEqual(["incident_critical", "pipeline_failing", "incident_open"]);
    expect(items[0]).toMatchObject({ severity: "critical", title: "Incident: p95 latency", href: "/incidents/i1", since: "2026-11-25T10:00:00Z" });
    expect(items[2]).toMatchObject({ severity: "warning", why: "1.4 % ≥ 1 %; nobody has acknowledged it" });
  });

  it("encodes names in links", () => {
    const [item] = needsAttention({ ...empty, pipelines: [pipeline("airflow/daily etl", "failing")] });
    expect(item.href).toBe("/pipelines/airflow%2Fdaily%20etl");
  });
});

describe("every row has a time", () => {
  it("dates drifting and degraded models from their onset", () => {
    const items = needsAttention({
      ...empty,
      models: [
        { name: "shifty", status: "drifting", production_version: "v3", drift_since: "2026-11-25T00:00:00.000Z" },
        {
          name: "slow",
          status: "degraded",
          production_version: "v3",
          status_reason: "p95 latency 68.0 ms over 24 h is 1.7× its baseline before v3's promotion (40.0 ms)",
          status_since: "2026-11-22T10:00:00.000Z",
        },
      ],
    });
    expect(items.map((i) => [i.kind, i.since])).toEqual([
      ["model_drifting", "2026-11-25T00:00:00.000Z"],
      ["model_degraded", "2026-11-22T10:00:00.000Z"],
    ]);
    expect(items[1].why).toContain("1.7× its baseline before v3's promotion");
  });
});

describe("driftOnset", () => {
  const day = (d: string, share: number) => ({ day: d, share_drifted: share });
  const windowFrom = "2026-11-27T13:00:00.000Z";
  it("is the first day of the run that ends at the latest drifted day", () => {
    expect(driftOnset([day("2026-11-24", 0.2), day("2026-11-25", 0.6), day("2026-11-26", 0.6), day("2026-11-27", 1)], windowFrom)).toBe(
      "2026-11-25T00:00:00.000Z",
    );
  });
  it("lets today's partial day lag behind", () => {
    expect(driftOnset([day("2026-11-25", 0.6), day("2026-11-26", 0.6), day("2026-11-27", 0.2)], windowFrom)).toBe("2026-11-25T00:00:00.000Z");
  });
  it("falls back to the 24-hour window without a recent drifted day", () => {
    expect(driftOnset([day("2026-11-24", 0.6), day("2026-11-25", 0), day("2026-11-26", 0)], windowFrom)).toBe(windowFrom);
    expect(driftOnset([], windowFrom)).toBe(windowFrom);
  });
});
