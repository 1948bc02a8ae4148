/**
 * Picks where a chart's buckets come from: the coarsest stored resolution that still yields at
 * most `maxPoints` buckets, and a step that is a whole multiple of it, so each stored bucket
 * falls into exactly one chart bucket. A 30-day chart reads hourly rollups whatever the raw volume.
 */
export type Source = "raw" | 60 | 3600;

export interface BucketPlan {
  source: Source;
  stepSeconds: number;
  /** `from` moved back to the source's grid, so the first bucket holds whole stored buckets. */
  alignedFrom: Date;
}

export function planBuckets(from: Date, to: Date, maxPoints: number): BucketPlan {
  const fromSeconds = Math.floor(from.getTime() / 1000);
  const toSeconds = Math.ceil(to.getTime() / 1000);
  for (const source of [3600, 60] as const) {
    const aligned = Math.floor(fromSeconds / source) * source;
    const minStep = Math.ceil((toSeconds - aligned) / maxPoints);
    if (minStep >= source) return { source, stepSeconds: Math.ceil(minStep / source) * source, alignedFrom: new Date(aligned * 1000) };
  }
  return { source: "raw", stepSeconds: Math.max(1, Math.ceil((toSeconds - fromSeconds) / maxPoints)), alignedFrom: new Date(fromSeconds * 1000) };
}

export function bucketCount(plan: BucketPlan, to: Date): number {
  return Math.ceil((to.getTime() / 1000 - plan.alignedFrom.getTime() / 1000) / plan.stepSeconds);
}
