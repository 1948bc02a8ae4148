import { describe, expect, it } from "vitest";
import { chartRows, layoutMarkers, maxPointsFor, orderVersions, seriesColour, visibleAnnotations } from "./series-data";

describe("chart series shaping", () => {
  it("merges versions by bucket time with index keys, scaled", () => {
    const answer = {
      series: [
        { version: "1.2.0", points: [{ ts: "2026-11-20T10:00:00.000Z", avg: 0.01, min: 0.005, max: 0.02, count: 4 }] },
        {
          version: "v3",
          points: [
            { ts: "2026-11-20T10:05:00.000Z", avg: 0.03, min: 0.01, max: 0.05, count: 2 },
            { ts: "2026-11-20T10:00:00.000Z", avg: 0.02, min: 0.02, max: 0.02, count: 1 },
          ],
        },
      ],
    };
    const rows = chartRows(answer, ["v3", "1.2.0"], 100);
    expect(rows).toEqual([
      { t: Date.parse("2026-11-20T10:00:00Z"), a0: 2, b0: [2, 2], a1: 1, b1: [0.5, 2] },
      { t: Date.parse("2026-11-20T10:05:00Z"), a0: 3, b0: [1, 5] },
    ]);
  });

  it("keeps the model's version order and appends unknown ones", () => {
    expect(orderVersions(["v2", "v9", "v4"], ["v4", "v3", "v2"])).toEqual(["v4", "v2", "v9"]);
  });

  it("gives a version the same colour whichever versions a chart shows", () => {
    const order = ["v4", "v3", "v2"];
    expect(seriesColour("v3", order)).toBe(seriesColour("v3", ["v4", "v3", "v2"]));
    expect(seriesColour("v3", order)).not.toBe(seriesColour("v2", order));
  });

  it("drops annotations outside the plotted range", () => {
    const a = [
      { ts: "2026-11-20T09:00:00Z", kind: "promotion" as const, text: "v2 → production" },
      { ts: "2026-11-20T11:00:00Z", kind: "rollback" as const, text: "v1 → production" },
    ];
    expect(visibleAnnotations(a, Date.parse("2026-11-20T10:00:00Z"), Date.parse("2026-11-20T12:00:00Z")).map((x) => x.text)).toEqual(["v1 → production"]);
  });

  it("keeps marker labels inside the chart and stacks crowded ones", () => {
    expect(layoutMarkers([10, 50, 95, 99], 0, 100)).toEqual([
      { side: "right", row: 0 },
      { side: "right", row: 0 },
      { side: "left", row: 0 },
      { side: "left", row: 1 },
    ]);
  });

  it("asks for one bucket per two pixels, capped at 5,000", () => {
    expect(maxPointsFor(600)).toBe(300);
    expect(maxPointsFor(20_000)).toBe(5000);
    expect(maxPointsFor(0)).toBe(1);
  });
});
