import { describe, expect, it } from "vitest";
import { labelWidth, stackLabels, uniqueMarkers } from "./series-data";

const overlaps = (a: { left: number; row: number; width: number }, b: { left: number; row: number; width: number }) =>
  a.row === b.row && a.left < b.left + b.width && b.left < a.left + a.width;

describe("marker label stacking", () => {
  it("keeps labels far apart on the first row, beside their lines", () => {
    expect(
      stackLabels(
        [
          { x: 10, width: 40 },
          { x: 200, width: 40 },
        ],
        400,
      ),
    ).toEqual([
      { left: 7, row: 0 },
      { left: 197, row: 0 },
    ]);
  });

  it("stacks close labels into rows of their own and reuses a row once it is clear", () => {
    const placed = stackLabels(
      [
        { x: 100, width: 60 },
        { x: 110, width: 60 },
        { x: 120, width: 60 },
        { x: 200, width: 60 },
      ],
      400,
    );
    expect(placed.map((p) => p.row)).toEqual([0, 1, 2, 0]);
  });

  it("keeps a label inside the plot at either edge", () => {
    const [left, right] = stackLabels(
      [
        { x: -5, width: 50 },
        { x: 398, width: 50 },
      ],
      400,
    );
    expect(left.left).toBe(0);
    expect(right.left).toBe(350);
  });

  it("never lets two labels overlap, whatever the order they come in", () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ x: (i * 37) % 300, width: 30 + ((i * 13) % 50) }));
    const placed = stackLabels(items, 300).map((p, i) => ({ ...p, width: items[i].width }));
    for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(overlaps(placed[i], placed[j])).toBe(false);
    for (const p of placed) expect(p.left + p.width).toBeLessThanOrEqual(300);
  });

  it("estimates a label's width from its text", () => {
    expect(labelWidth("v3 → production")).toBeGreaterThan(labelWidth("v3"));
  });

  it("draws the same event once", () => {
    const m = { ts: "2026-11-20T10:00:00.000Z", kind: "pipeline_failed", text: "etl failed" };
    expect(uniqueMarkers([m, { ...m }, { ...m, text: "other" }])).toHaveLength(2);
  });
});
