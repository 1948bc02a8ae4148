/**
 * What every bench part shares: the size knob, progress lines, percentiles, the demo key and the
 * servers' ports. `BENCH_SCALE` (default 1) multiplies every size (0.01 gives a quick run of the
 * whole bench); `BENCH_ONLY=ingest,reads,drift,incidents,quality,history,browser` runs some parts only;
 * `BENCH_ENGINES=pglite|postgres` measures one engine; `BENCH_PORT` is the first of the ports the bench's servers listen on (default 3751).
 */
export const SCALE = (() => {
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  if (!(scale > 0)) throw new Error(`BENCH_SCALE must be a positive number, not ${process.env.BENCH_SCALE}`);
  return scale;
})();

/** A size scaled by BENCH_SCALE, never below `floor`. */
export function scaled(size: number, floor = 1): number {
  return Math.max(floor, Math.round(size * SCALE));
}

export function wanted(part: string): boolean {
  const only = process.env.BENCH_ONLY;
  return !only || only.split(",").includes(part);
}

// Seeding the demo takes minutes on a loaded machine: give every bench server up to 15 minutes to be ready.
process.env.PLUMBLINE_TEST_READY_SECONDS ??= "900";

const FIRST_PORT = Number(process.env.BENCH_PORT ?? 3751);
let nextPort = FIRST_PORT;
/** The next free port of the bench's range: each server started in one run gets its own. */
export function benchPort(): number {
  return nextPort++;
}

export const DEMO_KEY = "plb_demo_key_0123456789abcdef";

/**
 * Server environment for benches: no simulator competing for the database, no rate limit in the
 * way, and raw points kept for 60 days, so that retention does not prune a 30-day series while
 * the bench loads it.
 */
export const BENCH_SERVER_ENV = { PLUMBLINE_SIMULATOR: "0", PLUMBLINE_KEY_RATE_LIMIT: "1000000", PLUMBLINE_RAW_RETENTION_DAYS: "60" };

let lastPrinted = 0;
/** A progress line that rewrites itself on a terminal; into a log, the final line and one every 10 s. */
export function progress(text: string, done = false): void {
  if (process.stdout.isTTY) process.stdout.write(`\r\x1b[2K  ${text}${done ? "\n" : ""}`);
  else if (done || Date.now() - lastPrinted > 10_000) {
    console.log(`  ${text}`);
    lastPrinted = Date.now();
  }
}

/** numpy's linear-interpolated percentile of some values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low);
}

export const round = (value: number, digits = 3) => Number(value.toFixed(digits));

/** Runs `work` for every item with `concurrency` workers taking the next item as they finish. */
export async function inParallel<T>(items: T[], concurrency: number, work: (item: T, worker: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async (_, worker) => {
      while (next < items.length) await work(items[next++], worker);
    }),
  );
}

/** `BENCH_ENGINES=pglite` or `postgres` measures one engine only (both by default). */
export function engineWanted(engine: "pglite" | "postgres"): boolean {
  const only = process.env.BENCH_ENGINES;
  return !only || only.split(",").includes(engine);
}
