import { describe, expect, it } from "vitest";
import type { FleetModel } from "@/lib/fleet/queries";
import { applyFleetView, fleetFilterHref, nextFleetSort, readFleetView, writeFleetView } from "./fleet-view-state";

function model(
  name: string,
  status: string,
  production: string | null,
  quality: { change: number; baseline: number; dropped?: boolean } | null = null,
): FleetModel {
  return {
    name,
    description: "",
    owner: "",
    task: "binary_classification",
    primary_metric: "roc_auc",
    production_version: production,
    staging_version: null,
    status: status as FleetModel["status"],
    health: {
      version: production,
      window_from: "2026-11-27T13:00:00.000Z",
      p95_latency_ms: null,
      error_rate: null,
      requests_per_minute: null,
      sparklines: { latency_p95_ms: [], error_rate: [], requests_per_minute: [] },
    },
    baseline: null,
    status_reason: null,
    status_since: null,
    drift_share: null,
    quality: quality && {
      metric: "roc_auc",
      kind: "estimated",
      lower_is_better: false,
      value: quality.baseline + quality.change,
      baseline: quality.baseline,
      change: quality.change,
      dropped: quality.dropped ?? false,
    },
    last_promotion_at: null,
  };
}

const fleet = [
  model("quiet", "unknown", "v1"),
  model("fine", "healthy", "v1", { change: 0.01, baseline: 0.8 }),
  model("shifty", "drifting", "v3", { change: -0.12, baseline: 0.86, dropped: true }),
  model("new", "unknown", null),
  model("slow", "degraded", "v2", { change: -0.01, baseline: 0.8 }),
];
const names = (models: FleetModel[]) => models.map((m) => m.name);

describe("the Overview's view state", () => {
  it("defaults to every model by severity, and drops defaults from the URL", () => {
    const view = readFleetView(new URLSearchParams("range=7d&show=bogus&sort=bogus"));
    expect(view).toEqual({ show: null, sort: "severity", dir: "asc" });
    expect(writeFleetView(new URLSearchParams("range=7d"), view)).toBe("range=7d");
    expect(names(applyFleetView([...fleet], view))).toEqual(["shifty", "slow", "fine", "new", "quiet"]);
  });

  it("gives each KPI card a link to the filtered fleet, keeping the time range", () => {
    expect(fleetFilterHref(new URLSearchParams("range=7d"), "drifting")).toBe("/?range=7d&show=drifting");
    expect(fleetFilterHref(new URLSearchParams("show=drifting"), null)).toBe("/");
    expect(names(applyFleetView([...fleet], readFleetView(new URLSearchParams("show=drifting"))))).toEqual(["shifty"]);
    expect(names(applyFleetView([...fleet], readFleetView(new URLSearchParams("show=production"))))).toEqual(["shifty", "slow", "fine", "quiet"]);
    expect(names(applyFleetView([...fleet], readFleetView(new URLSearchParams("show=problems"))))).toEqual(["shifty", "slow"]);
  });

  it("sorts by the quality change, worst first, models without a figure last in both directions", () => {
    const first = nextFleetSort(readFleetView(new URLSearchParams()), "quality");
    expect(first).toEqual({ sort: "quality", dir: "asc" });
    expect(names(applyFleetView([...fleet], { show: null, ...first }))).toEqual(["shifty", "slow", "fine", "new", "quiet"]);
    expect(names(applyFleetView([...fleet], { show: null, sort: "quality", dir: "desc" }))).toEqual(["fine", "slow", "shifty", "new", "quiet"]);
    expect(writeFleetView(new URLSearchParams(), { show: null, sort: "quality", dir: "desc" })).toBe("sort=quality&dir=desc");
  });
});
