/**
 * The calibration CBPE relies on, from a version's reference sample: an isotonic regression of
 * label on score over the reference records that carry both, when there are enough of them.
 */
import type { CalibrationKnots } from "@/drizzle/schema/quality";
import { Invalid, type FieldIssue } from "@/lib/errors";
import type { OutputValue } from "./fields";
import { isQualityTask } from "./metrics";
import { outputForTask } from "./records";
import { calibrate, fitIsotonic } from "./stats";

/** Fewer labeled scores than this and the fit follows noise: the scores are taken as calibrated. */
export const MIN_CALIBRATION_RECORDS = 100;

export interface ReferenceOutputs {
  prediction?: OutputValue;
  score?: number;
  label?: OutputValue;
}

export interface ReferenceCalibration {
  labeledScores: number;
  calibration: CalibrationKnots | null;
}

/**
 * Checks the outputs a reference carries against the model's task (Invalid naming each misfit) and
 * fits the calibration for a binary classifier with at least MIN_CALIBRATION_RECORDS records
 * holding a score and a label.
 */
export function referenceCalibration(task: string, records: readonly ReferenceOutputs[]): ReferenceCalibration {
  const details: FieldIssue[] = [];
  const scores: number[] = [];
  const labels: number[] = [];
  records.forEach((record, i) => {
    for (const field of ["prediction", "label"] as const) {
      const value = record[field];
      if (value === undefined) continue;
      const stored = isQualityTask(task) ? outputForTask(task, value) : `cannot be judged: the model's task ${JSON.stringify(task)} has no quality metrics`;
      if (typeof stored === "string") details.push({ path: `records[${i}].${field}`, message: stored });
      else if (field === "label" && record.score !== undefined && stored.kind === "number") {
        scores.push(record.score);
        labels.push(stored.value);
      }
    }
  });
  if (details.length) throw new Invalid(details.slice(0, 100), "The reference's outputs do not fit the model's task; nothing was stored");
  const fits = task === "binary_classification" && scores.length >= MIN_CALIBRATION_RECORDS;
  if (!fits) return { labeledScores: scores.length, calibration: null };
  const knots = fitIsotonic(scores, labels);
  return { labeledScores: scores.length, calibration: { x: Array.from(knots.x), y: Array.from(knots.y) } };
}

/** A version's scores through its calibration; unchanged without one. */
export function calibrator(knots: CalibrationKnots | null): (score: number) => number {
  if (knots === null) return (score) => score;
  const calibration = { x: Float64Array.from(knots.x), y: Float64Array.from(knots.y) };
  return (score) => calibrate(calibration, score);
}
