import { describe, expect, it } from "vitest";
import { driftOnsets } from "./drift-onsets";

describe("drift onsets", () => {
  it("marks the first day of each drifted stretch per feature, not every drifted day", () => {
    const days = [
      { feature: "amount", day: "2026-11-03", drifted: true },
      { feature: "amount", day: "2026-11-01", drifted: false },
      { feature: "amount", day: "2026-11-02", drifted: true },
      { feature: "amount", day: "2026-11-04", drifted: false },
      { feature: "amount", day: "2026-11-05", drifted: true },
      { feature: "age", day: "2026-11-01", drifted: true },
      { feature: "age", day: "2026-11-02", drifted: true },
      { feature: "zip", day: "2026-11-02", drifted: false },
    ];
    expect(driftOnsets(days)).toEqual([
      { feature: "age", day: "2026-11-01" },
      { feature: "amount", day: "2026-11-02" },
      { feature: "amount", day: "2026-11-05" },
    ]);
  });
});
