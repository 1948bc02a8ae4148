import { describe, expect, it } from "vitest";
import vectors from "./__fixtures__/drift-vectors.json";
import { agreesWithScipy } from "./__fixtures__/tolerance";
import { compareFeature, type DriftMethod } from "./index";

interface VectorCase {
  name: string;
  kind: "numerical" | "categorical";
  method: DriftMethod;
  auto_method: DriftMethod;
  reference: (number | string | boolean)[];
  current: (number | string | boolean)[];
  statistic: number | null;
  p_value: number | null;
  threshold: number;
  drifted: boolean;
}

const cases = vectors.cases as VectorCase[];

describe(`SciPy vectors (${vectors.generated_with})`, () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s: statistic, p-value and verdict", (_name, c) => {
    const result = compareFeature(c.reference, c.current, { method: c.method });
    expect(result.method).toBe(c.method);
    expect(result.kind).toBe(c.kind);
    expect(result.threshold).toBe(c.threshold);
    expect(result.drifted).toBe(c.drifted);
    expect(result.n_ref).toBe(c.reference.length);
    expect(result.n_cur).toBe(c.current.length);
    expect(agreesWithScipy(result.statistic, c.statistic), `statistic ${result.statistic} vs ${c.statistic}`).toBe(true);
    expect(agreesWithScipy(result.p_value, c.p_value), `p_value ${result.p_value} vs ${c.p_value}`).toBe(true);
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s: automatic choice", (_name, c) => {
    const result = compareFeature(c.reference, c.current);
    expect(result.method).toBe(c.auto_method);
    expect(result.kind).toBe(c.kind);
  });
});
