import { describe, expect, it } from "vitest";
import { needsAttention, type AttentionInput } from "./attention";

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
