"""Regenerate scipy-reference.json: SciPy's answers for the special functions and
the two-sample KS p-value across every branch lib/drift implements, and numpy's
decile edges for the PSI / Jensen-Shannon binning.

    python3 lib/drift/stats/__fixtures__/generate_scipy_reference.py

The drift-vectors.json cases exercise whole features; these exercise the numeric
kernels over ranges (tails, huge degrees of freedom, every kolmogn branch, exact
and asymptotic KS sizes) that a handful of features cannot reach.
"""

import json
import math
import pathlib

import numpy as np
import scipy
from scipy import special, stats

rng = np.random.default_rng(20240611)

normal_sf = [
    {"z": z, "sf": float(stats.norm.sf(z))}
    for z in [-3.0, -0.5, 0.0, 0.3, 0.7071, 1.0, 1.4142, 1.96, 2.5, 3.5, 5.0, 8.0, 10.0, 20.0, 30.0, 37.0, 38.5]
]

chi2_sf = []
for df in [1, 2, 3, 4, 5, 9, 10, 11, 19, 20, 50, 99, 100, 500, 1000, 9999, 100000, 999999]:
    for factor in [0.001, 0.3, 0.8, 0.95, 1.0, 1.05, 1.2, 1.5, 2.0, 3.0, 6.0]:
        x = df * factor
        chi2_sf.append({"x": x, "df": df, "sf": float(stats.chi2.sf(x, df))})
    for x in [0.0005, 3.841458820694124, 40.0, 120.40281964084336, 700.0]:
        chi2_sf.append({"x": x, "df": df, "sf": float(stats.chi2.sf(x, df))})

kstwo_sf = []
for n in [1, 2, 3, 5, 10, 30, 100, 140, 141, 200, 923, 1000, 5000, 50000, 100000, 100001, 500000, 2000000]:
    xs = {0.75 / n, 0.99 / n, 1.5 / n, 0.5, 0.7, 1 - 1.5 / n}
    xs |= {c / math.sqrt(n) for c in [0.2, 0.5, 0.8, 0.9, 1.0, 1.2, 1.4, 1.6, 2.0, 3.0, 5.0, 10.0, 19.0]}
    for x in sorted(xs):
        if 0 < x < 1:
            kstwo_sf.append({"n": n, "x": x, "sf": float(stats.kstwo.sf(x, n))})

SIZES = [
    (1, 1), (3, 7), (10, 10), (7, 13), (25, 30), (100, 100), (64, 48), (999, 1000),
    (1000, 1000), (3000, 2000), (4999, 5001), (9999, 10000), (10000, 10000),
    (10001, 10001), (1, 20000), (5, 20000), (50, 15000), (10000, 12000), (20000, 30000),
]
ks_2samp = []
for n1, n2 in SIZES:
    for shift in [0.0, 0.1, 0.5]:
        a = rng.normal(0.0, 1.0, n1)
        b = rng.normal(shift, 1.0, n2)
        r = stats.ks_2samp(a, b)
        ks_2samp.append({"n1": n1, "n2": n2, "statistic": float(r.statistic), "p_value": float(r.pvalue)})

DECILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
deciles = []
for n in [1, 2, 3, 10, 11, 101, 5001]:
    reference = np.round(rng.normal(0.0, 1.0, n), 6)
    # Ties and values sitting exactly on an edge are where binning rules differ.
    current = np.concatenate([np.round(rng.normal(0.2, 1.0, 3 * n), 6), reference[: max(1, n // 3)]])
    edges = np.unique(np.quantile(reference, DECILES))
    bins = np.bincount(np.searchsorted(edges, current, side="left"), minlength=len(edges) + 1)
    deciles.append({
        "reference": reference.tolist(), "current": current.tolist(),
        "edges": edges.tolist(), "current_counts": bins.tolist(),
    })
tied = np.repeat([1.0, 2.0, 2.5, 7.0], [40, 25, 30, 5])
edges = np.unique(np.quantile(tied, DECILES))
deciles.append({
    "reference": tied.tolist(), "current": tied.tolist(), "edges": edges.tolist(),
    "current_counts": np.bincount(np.searchsorted(edges, tied, side="left"), minlength=len(edges) + 1).tolist(),
})

out = {
    "generated_with": f"scipy {scipy.__version__}, numpy {np.__version__}",
    "normal_sf": normal_sf,
    "chi2_sf": chi2_sf,
    "kstwo_sf": kstwo_sf,
    "ks_2samp": ks_2samp,
    "deciles": deciles,
}
path = pathlib.Path(__file__).with_name("scipy-reference.json")
path.write_text(json.dumps(out, indent=1) + "\n")
print(f"wrote {path}: {len(normal_sf)} normal, {len(chi2_sf)} chi2, {len(kstwo_sf)} kstwo, {len(ks_2samp)} ks_2samp, {len(deciles)} deciles")
