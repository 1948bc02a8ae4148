/**
 * Bounded uniform samples of a feature's numbers. Each hourly bucket keeps a reservoir (at most
 * BUCKET_CAPACITY values, plus how many it has seen); a drift query merges the buckets of its
 * range into one sample of at most MERGED_CAPACITY values in which every value seen in the range
 * had the same chance to land, however unevenly the traffic was spread over the hours.
 */
export const BUCKET_CAPACITY = 2_000;
export const MERGED_CAPACITY = 10_000;

export type Random = () => number;

/** mulberry32: a small, fast generator of uniform numbers in [0, 1), the same on every run. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Reservoir {
  /** A uniform random subset of everything seen, at most the capacity. */
  sample: number[];
  /** How many values the reservoir has seen in total (exact). */
  seen: number;
}

/**
 * Algorithm R: after n values, each of them sits in the sample with probability capacity / n.
 * Returns a new reservoir; the input is not changed.
 */
export function reservoirAdd(reservoir: Reservoir, values: readonly number[], random: Random, capacity = BUCKET_CAPACITY): Reservoir {
  const sample = reservoir.sample.slice();
  let seen = reservoir.seen;
  for (const value of values) {
    seen++;
    if (sample.length < capacity) {
      sample.push(value);
    } else {
      const slot = Math.floor(random() * seen);
      if (slot < capacity) sample[slot] = value;
    }
  }
  return { sample, seen };
}

/**
 * How many values to take from each bucket: proportional to what each bucket has SEEN (not to
 * what it kept), rounded systematically with one random offset so that the shares add up to
 * exactly `size` and each bucket's expected share is exactly size · seen_i / Σ seen.
 */
export function allocateDraws(seen: readonly number[], size: number, random: Random): number[] {
  // Integer arithmetic (BigInt: size · Σ seen can pass 2^53) so that rounding never hands a bucket one draw too many.
  const total = seen.reduce((sum, n) => sum + BigInt(n), BigInt(0));
  if (total === BigInt(0)) return seen.map(() => 0);
  const offset = BigInt(Math.min(Math.floor(random() * Number(total)), Number(total) - 1));
  const wanted = BigInt(size);
  let cumulative = BigInt(0);
  let taken = BigInt(0);
  return seen.map((n) => {
    cumulative += BigInt(n);
    const upTo = (wanted * cumulative + offset) / total;
    const draws = Number(upTo - taken);
    taken = upTo;
    return draws;
  });
}

/**
 * The largest merged sample the buckets can support without bias: no bucket may be asked for more
 * values than it kept, and bucket i is asked for about size · seen_i / Σ seen of them.
 */
export function mergedSize(buckets: readonly Reservoir[], capacity = MERGED_CAPACITY): number {
  const total = buckets.reduce((sum, b) => sum + b.seen, 0);
  let size = Math.min(
    capacity,
    buckets.reduce((sum, b) => sum + b.sample.length, 0),
  );
  for (const bucket of buckets) {
    // ceil(size · seen / total) must not exceed what the bucket kept.
    if (bucket.seen > 0) size = Math.min(size, Math.floor((bucket.sample.length * total) / bucket.seen));
  }
  return size;
}

/**
 * One uniform sample of everything the buckets have seen: each bucket contributes its allocated
 * number of values, drawn uniformly without replacement from its own uniform sample. Every value
 * seen in any bucket therefore has the same inclusion probability, size / Σ seen.
 */
export function mergeReservoirs(buckets: readonly Reservoir[], random: Random, capacity = MERGED_CAPACITY): Reservoir {
  const seen = buckets.reduce((sum, b) => sum + b.seen, 0);
  const draws = allocateDraws(
    buckets.map((b) => b.seen),
    mergedSize(buckets, capacity),
    random,
  );
  const sample: number[] = [];
  buckets.forEach((bucket, index) => sample.push(...drawWithoutReplacement(bucket.sample, draws[index], random)));
  return { sample, seen };
}

/** A partial Fisher–Yates shuffle: `count` distinct positions, uniformly. */
function drawWithoutReplacement(values: readonly number[], count: number, random: Random): number[] {
  if (count >= values.length) return values.slice();
  const pool = values.slice();
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count);
}
