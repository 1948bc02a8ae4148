/**
 * Multiclass metrics, equal to scikit-learn's on the same records. Classes are compared by value
 * (a label and a prediction are the same class when they are equal); null where undefined (no
 * records), never NaN.
 */
import { weightOf, type Weights } from "./weights";

export type ClassValue = string | number | boolean;

/** Labels and predictions as small integer codes, so that resamples only re-count. */
export interface EncodedClasses {
  labels: Uint32Array;
  predictions: Uint32Array;
  classCount: number;
}

export function encodeClasses(labels: readonly ClassValue[], predictions: readonly ClassValue[]): EncodedClasses {
  const codes = new Map<ClassValue, number>();
  const code = (value: ClassValue) => {
    let known = codes.get(value);
    if (known === undefined) {
      known = codes.size;
      codes.set(value, known);
    }
    return known;
  };
  return {
    labels: Uint32Array.from(labels, code),
    predictions: Uint32Array.from(predictions, code),
    classCount: codes.size,
  };
}

/** accuracy_score: the share of records whose prediction equals the label. */
export function multiclassAccuracyOf(encoded: EncodedClasses, weights?: Weights): number | null {
  let correct = 0;
  let count = 0;
  for (let i = 0; i < encoded.labels.length; i++) {
    const weight = weightOf(weights, i);
    if (encoded.labels[i] === encoded.predictions[i]) correct += weight;
    count += weight;
  }
  return count === 0 ? null : correct / count;
}

/**
 * f1_score(average="macro"): the unweighted mean of each class's F1 = 2·tp / (true + predicted),
 * over the classes that occur among the labels or the predictions (scikit-learn's
 * unique_labels(y_true, y_pred)); a class predicted but never true scores 0, and so does one true
 * but never predicted.
 */
export function macroF1Of(encoded: EncodedClasses, weights?: Weights): number | null {
  const truePositives = new Float64Array(encoded.classCount);
  const trueCounts = new Float64Array(encoded.classCount);
  const predictedCounts = new Float64Array(encoded.classCount);
  for (let i = 0; i < encoded.labels.length; i++) {
    const weight = weightOf(weights, i);
    if (weight === 0) continue;
    trueCounts[encoded.labels[i]] += weight;
    predictedCounts[encoded.predictions[i]] += weight;
    if (encoded.labels[i] === encoded.predictions[i]) truePositives[encoded.labels[i]] += weight;
  }
  let sum = 0;
  let present = 0;
  for (let c = 0; c < encoded.classCount; c++) {
    const denominator = trueCounts[c] + predictedCounts[c];
    if (denominator === 0) continue;
    sum += (2 * truePositives[c]) / denominator;
    present++;
  }
  return present === 0 ? null : sum / present;
}
