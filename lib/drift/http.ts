import { apiError, type ErrorDetail } from "@/lib/api/errors";
import { compareFeature } from "@/lib/drift/stats/compare";
import { DriftInputError } from "@/lib/drift/stats/errors";
import type { CompareOptions, DriftResult } from "@/lib/drift/stats/types";

/** compareFeature, with degenerate input answered as a 422 naming the field at fault. */
export function compareOrExplain(reference: unknown[], current: unknown[], options: CompareOptions): DriftResult {
  try {
    return compareFeature(reference, current, options);
  } catch (error) {
    if (error instanceof DriftInputError) throw apiError(422, error.message, [driftInputDetail(error)]);
    throw error;
  }
}

/** The field a DriftInputError is about, read from its message: `current[3]`, `reference`, `threshold`, `method`. */
export function driftInputDetail(error: DriftInputError): ErrorDetail {
  // Mixed kinds name the first value and then the offending one: the last index named is at fault.
  const indexed = [...error.message.matchAll(/\b(reference|current)\[\d+\]/g)].pop();
  if (indexed) return { path: indexed[0], message: error.message };
  // What is left names no value: an empty sample, the threshold, or a method that does not fit the values.
  const field = /^(reference|current)\b/.exec(error.message)?.[1] ?? (/^threshold\b/.test(error.message) ? "threshold" : "method");
  return { path: field, message: error.message };
}
