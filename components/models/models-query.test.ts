import { describe, expect, it } from "vitest";
import type { ModelWithHealth } from "@/lib/fleet/queries";
import { applyView, nextSort, readView, writeView } from "./models-query";

function model(name: string, p95: number | null, extra: Partial<ModelWithHealth> = {}): ModelWithHealth {
  return {
    name,
    description: "",
    owner: `${name}-team`,
    task: "classification",
    primary_metric: null,
    production_version: "v1",
    staging_version: null,
    status: "unknown",
    health: {
      version: "v1",
      window_from: "2026-11-20T00:00:00.000Z",
      p95_latency_ms: p95,
      error_rate: null,
      requests_per_minute: null,
      sparklines: { latency_p95_ms: [], error_rate: [], requests_per_minute: [] },
    },
    ...extra,
  };
}

const fleet = [model("b-model", 20), model("a-model", null, { status: "drifting" }), model("c-model", 5, { owner: "payments" })];

describe("models table view", () => {
  it("sorts by a numeric column with missing values last in both directions", () => {
    expect(applyView(fleet, { q: "", status: null, sort: "p95", dir: "desc" }).map((m) => m.name)).toEqual(["b-model", "c-model", "a-model"]);
    expect(applyView(fleet, { q: "", status: null, sort: "p95", dir: "asc" }).map((m) => m.name)).toEqual(["c-model", "b-model", "a-model"]);
  });

  it("filters by text over name and owner, and by status", () => {
    expect(applyView(fleet, { q: "PAY", status: null, sort: "name", dir: "asc" }).map((m) => m.name)).toEqual(["c-model"]);
    expect(applyView(fleet, { q: "", status: "drifting", sort: "name", dir: "asc" }).map((m) => m.name)).toEqual(["a-model"]);
  });

  it("flips the direction on the same column and starts numbers descending", () => {
    const view = readView(new URLSearchParams("sort=name"));
    expect(nextSort(view, "name")).toEqual({ sort: "name", dir: "desc" });
    expect(nextSort(view, "volume")).toEqual({ sort: "volume", dir: "desc" });
  });

  it("round-trips through the URL, keeps other parameters and ignores junk", () => {
    const query = writeView(new URLSearchParams("range=7d"), { q: "fraud", status: "healthy", sort: "p95", dir: "desc" });
    expect(query).toBe("range=7d&q=fraud&status=healthy&sort=p95&dir=desc");
    expect(readView(new URLSearchParams(query))).toEqual({ q: "fraud", status: "healthy", sort: "p95", dir: "desc" });
    expect(readView(new URLSearchParams("sort=drop+table&status=evil&dir=sideways"))).toEqual({ q: "", status: null, sort: "name", dir: "asc" });
  });
});
