import { describe, expect, it } from "vitest";
import { bySeverity, type SeverityInput } from "./severity";

const model = (name: string, status: string, production: string | null, dropped = 0): SeverityInput => ({
  name,
  status,
  production_version: production,
  quality: dropped
    ? { dropped: true, change: -dropped, baseline: 0.9, lower_is_better: false }
    : { dropped: false, change: 0, baseline: 0.9, lower_is_better: false },
});

describe("bySeverity", () => {
  it("puts production problems first, quality drops next, healthy after, and models with no signal last", () => {
    const sorted = [
      model("a-silent", "unknown", "v1"),
      model("b-healthy", "healthy", "v1"),
      model("c-unreleased", "unknown", null),
      model("d-degraded", "degraded", "v3"),
      model("e-quality", "healthy", "v2", 0.1),
      model("f-drifting", "drifting", "v2"),
      model("g-both", "drifting", "v1", 0.05),
    ].sort(bySeverity);
    expect(sorted.map((m) => m.name)).toEqual(["g-both", "d-degraded", "f-drifting", "e-quality", "b-healthy", "a-silent", "c-unreleased"]);
  });

  it("orders quality drops by their size, then names", () => {
    const sorted = [model("x", "healthy", "v1", 0.04), model("y", "healthy", "v1", 0.2), model("w", "healthy", "v1", 0.04)].sort(bySeverity);
    expect(sorted.map((m) => m.name)).toEqual(["y", "w", "x"]);
  });
});
