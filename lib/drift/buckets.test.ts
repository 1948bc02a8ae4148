import { describe, expect, it } from "vitest";
import { addToBucket, emptyBucket, groupByBucket, hourOf, kindConflicts, MAX_CATEGORIES_PER_BUCKET, OTHER_CATEGORY } from "./buckets";
import { categoryBars, numericBins } from "./distribution";
import { driftWarnings, severity } from "./warnings";

describe("feature buckets", () => {
  it("groups records by feature and UTC hour", () => {
    const groups = groupByBucket([
      { ts: "2026-11-20T10:59:59Z", features: { a: 1, b: "x" } },
      { ts: "2026-11-20T11:00:00+01:00", features: { a: 2 } },
      { ts: "2026-11-20T11:00:00Z", features: { a: null } },
    ]);
    expect([...groups.values()].map((g) => [g.feature, g.hour.toISOString(), g.values])).toEqual([
      ["a", "2026-11-20T10:00:00.000Z", [1, 2]],
      ["b", "2026-11-20T10:00:00.000Z", ["x"]],
      ["a", "2026-11-20T11:00:00.000Z", [null]],
    ]);
    expect(hourOf("1969-12-31T23:30:00Z").toISOString()).toBe("1969-12-31T23:00:00.000Z");
  });

  it("counts categories exactly, nulls apart, and keeps a category called constructor", () => {
    const random = () => 0.5;
    let bucket = addToBucket(emptyBucket(), ["DE", "DE", null, "constructor"], random);
    bucket = addToBucket(bucket, ["DE", "__proto__"], random);
    expect(bucket).toMatchObject({ valueKind: "string", seen: 5, missing: 1, sample: [] });
    expect(bucket.counts).toEqual({ DE: 3, constructor: 1, ["__proto__"]: 1 });
    expect(Object.keys(JSON.parse(JSON.stringify(bucket.counts)))).toContain("__proto__");
  });

  it("counts categories beyond the per-bucket limit together", () => {
    const values = Array.from({ length: MAX_CATEGORIES_PER_BUCKET + 5 }, (_, i) => `c${i}`);
    const bucket = addToBucket(emptyBucket(), values, Math.random);
    expect(Object.keys(bucket.counts)).toHaveLength(MAX_CATEGORIES_PER_BUCKET + 1);
    expect(bucket.counts[OTHER_CATEGORY]).toBe(5);
    expect(bucket.seen).toBe(values.length);
  });

  it("keeps numbers in a reservoir with the exact count seen", () => {
    const bucket = addToBucket(
      emptyBucket(),
      Array.from({ length: 5000 }, (_, i) => i),
      Math.random,
    );
    expect(bucket).toMatchObject({ valueKind: "number", seen: 5000 });
    expect(bucket.sample).toHaveLength(2000);
  });

  it("names each feature whose kinds disagree, within the batch or with the reference", () => {
    const known = new Map([["country", { kind: "string" as const, where: "the reference sample" }]]);
    expect(kindConflicts([{ features: { a: 1, country: "DE" } }, { features: { a: "1", country: 3 } }, { features: { a: true } }], known)).toEqual([
      { path: "records[1].features.a", message: "is a string, but a holds numbers in records[0]" },
      { path: "records[1].features.country", message: "is a number, but country holds strings in the reference sample" },
    ]);
  });
});

describe("drawer distributions", () => {
  it("turns numbers into equal-width bins of shares over both samples' range", () => {
    const d = numericBins([0, 0, 10], [10, 10, 10, 10], 2);
    expect(d).toEqual({
      kind: "numerical",
      bins: [
        { from: 0, to: 5, reference: 2 / 3, current: 0 },
        { from: 5, to: 10, reference: 1 / 3, current: 1 },
      ],
    });
  });

  it("keeps the most frequent categories and folds the rest into one bar", () => {
    const d = categoryBars(
      new Map([
        ["a", 5],
        ["b", 3],
        ["c", 1],
        ["d", 1],
      ]),
      new Map([
        ["a", 1],
        ["e", 1],
      ]),
      3,
    );
    expect(d.kind).toBe("categorical");
    // a: 0.5 + 0.5, e: 0 + 0.5, then b, c and d together.
    expect(d.bins.map((b) => ("category" in b ? b.category : ""))).toEqual(["a", "e", "3 others"]);
    expect(d.bins[2]).toMatchObject({ reference: 0.5, current: 0 });
  });
});

describe("warnings and severity", () => {
  it("warns on small current samples and on p-values from huge samples", () => {
    expect(driftWarnings({ n_ref: 500, n_cur: 12, p_value: 0.2 })[0]).toMatch(/Only 12 current values/);
    expect(driftWarnings({ n_ref: 800, n_cur: 40_000, p_value: 0.001 })[0]).toMatch(/p-value means little/);
    expect(driftWarnings({ n_ref: 5000, n_cur: 40_000, p_value: null })).toEqual([]);
  });

  it("puts the threshold at 1 for tests and distances alike", () => {
    expect(severity({ statistic: 0.2, p_value: 0.05, threshold: 0.05, drifted: false })).toBeCloseTo(1);
    expect(severity({ statistic: 0.1, p_value: null, threshold: 0.1, drifted: true })).toBeCloseTo(1);
    expect(severity({ statistic: null, p_value: 0, threshold: 0.05, drifted: true })).toBe(10);
    expect(severity({ statistic: 0, p_value: 1, threshold: 0.05, drifted: false })).toBeCloseTo(0);
  });
});
