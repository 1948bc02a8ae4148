import { describe, expect, it } from "vitest";
import type { BucketQuality } from "@/lib/quality/evaluate";
import { fleetQuality } from "./quality";

const bucket = (realized: number | null, estimated: number | null): BucketQuality => ({
  n: 100,
  n_labeled: realized === null ? 0 : 100,
  realized,
  realized_low: null,
  realized_high: null,
  estimated,
});

describe("fleetQuality", () => {
  it("takes the estimate when the model has one: the last day's labels have not come yet", () => {
    expect(fleetQuality("roc_auc", false, bucket(null, 0.74), bucket(0.86, 0.85))).toEqual({
      metric: "roc_auc",
      kind: "estimated",
      lower_is_better: false,
      value: 0.74,
      baseline: 0.85,
      change: 0.74 - 0.85,
      dropped: true,
    });
  });

  it("is realized for a model without estimates, and empty while its labels are late", () => {
    expect(fleetQuality("rmse", true, bucket(null, null), bucket(4.2, null))).toMatchObject({
      kind: "realized",
      value: null,
      baseline: 4.2,
      change: null,
      dropped: false,
    });
    expect(fleetQuality("rmse", true, bucket(4.5, null), bucket(4.2, null))).toMatchObject({ kind: "realized", value: 4.5, dropped: true });
  });

  it("reads the direction of the metric: a smaller error is no drop, a small wobble is none either", () => {
    expect(fleetQuality("rmse", true, bucket(3.9, null), bucket(4.2, null)).dropped).toBe(false);
    expect(fleetQuality("roc_auc", false, bucket(null, 0.86), bucket(null, 0.87)).dropped).toBe(false);
    expect(fleetQuality("roc_auc", false, bucket(null, 0.9), bucket(null, 0.87)).dropped).toBe(false);
  });

  it("is estimated with nothing in the last 24 hours when the week had estimates", () => {
    expect(fleetQuality("roc_auc", false, null, bucket(0.8, 0.81))).toMatchObject({ kind: "estimated", value: null, baseline: 0.81, change: null });
  });
});
