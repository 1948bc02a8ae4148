/**
 * Drift statistics at scale, against SciPy on the same data: KS on 100,000 × 100,000 values and
 * Jensen–Shannon on 1,000,000 categorical values. Called by bench/run.ts.
 */
import { execFileSync } from "node:child_process";
import { compareFeature } from "@/lib/drift/stats";
import { seededRandom } from "@/lib/drift/reservoir";

export interface DriftBenchRow {
  name: string;
  ms: number;
  scipy_ms: number | null;
  /** scipy_ms ÷ ms: above 1 means Plumbline is faster. */
  ratio: number | null;
}

const N_KS = 100_000;
const N_JS = 1_000_000;
const CATEGORIES = ["grocery", "restaurants", "fuel", "travel", "online", "electronics", "gift_cards", "other"];

function timed(run: () => unknown, repeats = 3): number {
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

// The same shapes of data are generated in Python with numpy's seeded generator; SciPy's time
// includes what its API needs (counting the category strings for Jensen–Shannon), not the generation.
const SCIPY_SCRIPT = `
import json, time, numpy as np
from scipy.stats import ks_2samp
from scipy.spatial.distance import jensenshannon
rng = np.random.default_rng(1)
a = rng.normal(0, 1, ${N_KS}); b = rng.normal(0.05, 1, ${N_KS})
names = np.array(${JSON.stringify(CATEGORIES)})
ref = names[rng.integers(0, ${CATEGORIES.length}, ${N_JS})]; cur = names[rng.integers(0, ${CATEGORIES.length}, ${N_JS})]
def best(f):
    t = []
    for _ in range(3):
        s = time.perf_counter(); f(); t.append((time.perf_counter() - s) * 1000)
    return min(t)
def js():
    # Strings in, distance out, as ours: count each sample's categories, align them, compare.
    keys, inverse = np.unique(np.concatenate([ref, cur]), return_inverse=True)
    p = np.bincount(inverse[:len(ref)], minlength=len(keys)); q = np.bincount(inverse[len(ref):], minlength=len(keys))
    return jensenshannon(p / p.sum(), q / q.sum(), base=2)
print(json.dumps({"ks": best(lambda: ks_2samp(a, b, method="auto")), "js": best(js)}))
`;

function scipyTimes(): { ks: number; js: number } | null {
  try {
    return JSON.parse(execFileSync("python3", ["-c", SCIPY_SCRIPT], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 120_000 })) as {
      ks: number;
      js: number;
    };
  } catch {
    return null;
  }
}

export async function benchDrift(): Promise<DriftBenchRow[]> {
  const random = seededRandom(1);
  const normal = (shift: number) => shift + Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const a = Array.from({ length: N_KS }, () => normal(0));
  const b = Array.from({ length: N_KS }, () => normal(0.05));
  const ref = Array.from({ length: N_JS }, () => CATEGORIES[Math.floor(random() * CATEGORIES.length)]);
  const cur = Array.from({ length: N_JS }, () => CATEGORIES[Math.floor(random() * CATEGORIES.length)]);

  const ksMs = timed(() => compareFeature(a, b, { method: "ks" }));
  const jsMs = timed(() => compareFeature(ref, cur, { method: "jensenshannon" }));
  const scipy = scipyTimes();
  const rows: DriftBenchRow[] = [
    {
      name: `drift KS ${N_KS.toLocaleString("en")} × ${N_KS.toLocaleString("en")}`,
      ms: ksMs,
      scipy_ms: scipy?.ks ?? null,
      ratio: scipy ? scipy.ks / ksMs : null,
    },
    { name: `drift Jensen–Shannon ${N_JS.toLocaleString("en")} categorical`, ms: jsMs, scipy_ms: scipy?.js ?? null, ratio: scipy ? scipy.js / jsMs : null },
  ];
  for (const row of rows) {
    const scipyText =
      row.scipy_ms === null
        ? "SciPy absent (python3 with scipy not importable): no comparison"
        : `SciPy ${row.scipy_ms.toFixed(1)} ms, ratio SciPy/ours ${row.ratio!.toFixed(2)}`;
    console.log(`${row.name}: ${row.ms.toFixed(1)} ms · ${scipyText}`);
  }
  return rows;
}
