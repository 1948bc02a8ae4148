"""Regenerate sklearn-reference.json: reference values for the quality metrics in lib/quality/stats.

    python3 lib/quality/stats/__fixtures__/make_fixture.py

scikit-learn cannot be installed where this was written (no package index; the Python standard
library only), so this script does NOT call scikit-learn. It is a line-by-line port, in plain
Python, of the scikit-learn functions each section names (scikit-learn main branch, 1.8
development, whose definitions of these functions have not changed since 1.5: `log_loss` lost its
`eps` parameter in 1.5 and clips at the float64 machine epsilon). Where scikit-learn leans on
NumPy or SciPy the port follows that too (`np.clip`, `scipy.special.xlogy`, `scipy.integrate.trapezoid`,
`np.finfo`). The TypeScript in lib/quality/stats is written independently of this script, from the
same definitions; the unit tests compare the two at 1e-9.

Sums here are left-to-right; NumPy sums pairwise. On these sizes (≤ 2000 values) the two differ by
a few units in the 15th digit, far inside the 1e-9 the tests allow.
"""

import json
import math
import pathlib
import random

FLOAT64_EPS = 2.220446049250313e-16  # np.finfo(np.float64).eps
FLOAT64_RESOLUTION = 1e-15  # np.finfo(np.float64).resolution
Z_975 = 1.959963984540054  # scipy.stats.norm.isf(0.025)


def mean(values):
    return sum(values) / len(values)


# --- sklearn.metrics._ranking -----------------------------------------------------------------


def confusion_matrix_at_thresholds(y_true, y_score):
    """Port of `confusion_matrix_at_thresholds` (formerly `_binary_clf_curve`) and
    `_sort_inputs_and_compute_classification_thresholds`, no sample weights, pos_label 1."""
    # desc_score_indices = argsort(y_score, stable=True, descending=True)
    order = sorted(range(len(y_score)), key=lambda i: -y_score[i])
    scores = [y_score[i] for i in order]
    truth = [1.0 if y_true[i] == 1 else 0.0 for i in order]
    # distinct_value_indices = nonzero(diff(y_score)); threshold_idxs = r_[distinct, n - 1]
    threshold_idxs = [i for i in range(len(scores) - 1) if scores[i + 1] - scores[i] != 0]
    threshold_idxs.append(len(scores) - 1)
    cumulative = []
    running = 0.0
    for value in truth:
        running += value
        cumulative.append(running)
    tps = [cumulative[i] for i in threshold_idxs]
    fps = [1 + i - tp for i, tp in zip(threshold_idxs, tps)]
    return fps, tps


def roc_curve(y_true, y_score):
    """Port of `roc_curve(drop_intermediate=True)`."""
    fps, tps = confusion_matrix_at_thresholds(y_true, y_score)
    if len(fps) > 2:
        # optimal_idxs = where(r_[True, logical_or(diff(fps, 2), diff(tps, 2)), True])
        keep = [0]
        for i in range(1, len(fps) - 1):
            second_fps = fps[i + 1] - 2 * fps[i] + fps[i - 1]
            second_tps = tps[i + 1] - 2 * tps[i] + tps[i - 1]
            if second_fps != 0 or second_tps != 0:
                keep.append(i)
        keep.append(len(fps) - 1)
        fps = [fps[i] for i in keep]
        tps = [tps[i] for i in keep]
    tps = [0.0] + tps
    fps = [0.0] + fps
    fpr = [f / fps[-1] for f in fps] if fps[-1] > 0 else [math.nan] * len(fps)
    tpr = [t / tps[-1] for t in tps] if tps[-1] > 0 else [math.nan] * len(tps)
    return fpr, tpr


def auc(x, y):
    """Port of `auc`: `scipy.integrate.trapezoid(y, x)` = Σ diff(x) · (y[1:] + y[:-1]) / 2."""
    return sum((x[i + 1] - x[i]) * (y[i + 1] + y[i]) / 2.0 for i in range(len(x) - 1))


def roc_auc_score(y_true, y_score):
    """Port of `roc_auc_score` → `_binary_roc_auc_score`: NaN (here None) when y_true has one class."""
    if len(set(y_true)) != 2:
        return None
    fpr, tpr = roc_curve(y_true, y_score)
    return auc(fpr, tpr)


# --- sklearn.metrics._classification ----------------------------------------------------------


def accuracy_score(y_true, y_pred):
    """Port of `accuracy_score`: `_average(y_true == y_pred)`."""
    return mean([1.0 if t == p else 0.0 for t, p in zip(y_true, y_pred)])


def prf_binary(y_true, y_pred):
    """Port of `precision_recall_fscore_support(average="binary", pos_label=1, beta=1,
    zero_division=0)`: `_check_set_wise_labels` keeps labels=[1], `multilabel_confusion_matrix`
    counts, `_prf_divide` answers zero_division where a denominator is 0, and the F-score is
    (1 + β²)·tp / (β²·true_sum + pred_sum), itself through `_prf_divide`."""
    tp = sum(1 for t, p in zip(y_true, y_pred) if t == 1 and p == 1)
    pred_sum = sum(1 for p in y_pred if p == 1)
    true_sum = sum(1 for t in y_true if t == 1)
    precision = tp / pred_sum if pred_sum else 0.0
    recall = tp / true_sum if true_sum else 0.0
    denom = 1.0 * true_sum + pred_sum
    f1 = 2.0 * tp / denom if denom else 0.0
    return precision, recall, f1


def macro_f1(y_true, y_pred):
    """Port of `f1_score(average="macro")`: labels = `unique_labels(y_true, y_pred)`, one F-score
    per label from `multilabel_confusion_matrix`, `_prf_divide` with zero_division → 0, then the
    unweighted mean (`_nanaverage`)."""
    labels = sorted(set(y_true) | set(y_pred), key=lambda v: (str(type(v)), v))
    scores = []
    for label in labels:
        tp = sum(1 for t, p in zip(y_true, y_pred) if t == label and p == label)
        pred_sum = sum(1 for p in y_pred if p == label)
        true_sum = sum(1 for t in y_true if t == label)
        denom = 1.0 * true_sum + pred_sum
        scores.append(2.0 * tp / denom if denom else 0.0)
    return mean(scores)


def xlogy(x, y):
    """scipy.special.xlogy: 0 where x == 0, else x·log(y)."""
    return 0.0 if x == 0 else x * math.log(y)


def log_loss(y_true, y_score):
    """Port of `log_loss(y_true, y_score, labels=[0, 1])` (labels given, so that a one-class
    bucket is defined): `LabelBinarizer` gives [1 − y, y], a 1-d y_pred becomes [1 − p, p], both
    columns are clipped to [eps, 1 − eps] with eps the float64 machine epsilon, and the loss is
    −Σ xlogy(label, p) per sample, averaged."""
    losses = []
    for label, p in zip(y_true, y_score):
        transformed = (1 - label, label)
        probabilities = (1 - p, p)
        clipped = [min(max(q, FLOAT64_EPS), 1 - FLOAT64_EPS) for q in probabilities]
        losses.append(-(xlogy(transformed[0], clipped[0]) + xlogy(transformed[1], clipped[1])))
    return mean(losses)


def brier_score_loss(y_true, y_proba):
    """Port of `brier_score_loss(pos_label=1)` with `scale_by_half="auto"`: a 1-d probability
    becomes [1 − p, p], the squared differences to the one-hot labels are summed per sample,
    averaged, and halved."""
    per_sample = [((1 - t) - (1 - p)) ** 2 + (t - p) ** 2 for t, p in zip(y_true, y_proba)]
    return mean(per_sample) * 0.5


# --- sklearn.metrics._regression --------------------------------------------------------------


def mean_absolute_error(y_true, y_pred):
    """Port of `mean_absolute_error`: average of |y_pred − y_true|."""
    return mean([abs(p - t) for t, p in zip(y_true, y_pred)])


def root_mean_squared_error(y_true, y_pred):
    """Port of `root_mean_squared_error`: sqrt(average((y_true − y_pred)²))."""
    return math.sqrt(mean([(t - p) ** 2 for t, p in zip(y_true, y_pred)]))


def mean_absolute_percentage_error(y_true, y_pred):
    """Port of `mean_absolute_percentage_error`: |y_pred − y_true| / max(|y_true|, eps), eps the
    float64 machine epsilon, averaged (a fraction, not a percentage)."""
    return mean([abs(p - t) / max(abs(t), FLOAT64_EPS) for t, p in zip(y_true, y_pred)])


def r2_score(y_true, y_pred):
    """Port of `r2_score(force_finite=True)` and `_assemble_r2_explained_variance`: NaN (here
    None) below two samples; a zero numerator gives 1.0 (even when the denominator is zero too),
    a non-zero numerator over a zero denominator (constant y_true) gives 0.0."""
    if len(y_true) < 2:
        return None
    numerator = sum((t - p) ** 2 for t, p in zip(y_true, y_pred))
    average = mean(y_true)
    denominator = sum((t - average) ** 2 for t in y_true)
    if numerator == 0:
        return 1.0
    if denominator == 0:
        return 0.0
    return 1 - numerator / denominator


# --- statsmodels.stats.proportion.proportion_confint(method="wilson") -------------------------


def wilson(successes, n):
    """Port of statsmodels' `proportion_confint(count, nobs, alpha=0.05, method="wilson")`."""
    q = successes / n
    crit2 = Z_975**2
    denom = 1 + crit2 / n
    center = (q + crit2 / (2 * n)) / denom
    dist = Z_975 * math.sqrt(q * (1.0 - q) / n + crit2 / (4.0 * n**2)) / denom
    return center - dist, center + dist


# --- sklearn.isotonic -------------------------------------------------------------------------


def make_unique(x, y, w):
    """Port of `sklearn._isotonic._make_unique`: x sorted; a value less than
    np.finfo(float64).resolution above the current run's first value joins that run; each run
    becomes one point with the weighted mean of its y and the sum of its weights."""
    x_out, y_out, w_out = [], [], []
    current_x, current_y, current_w = x[0], 0.0, 0.0
    for xj, yj, wj in zip(x, y, w):
        if xj - current_x >= FLOAT64_RESOLUTION:
            x_out.append(current_x)
            w_out.append(current_w)
            y_out.append(current_y / current_w)
            current_x, current_w, current_y = xj, wj, yj * wj
        else:
            current_w += wj
            current_y += yj * wj
    x_out.append(current_x)
    w_out.append(current_w)
    y_out.append(current_y / current_w)
    return x_out, y_out, w_out


def inplace_contiguous_isotonic_regression(y, w):
    """Port of `sklearn._isotonic._inplace_contiguous_isotonic_regression` (pool adjacent
    violators, pooling equal neighbours too: `y[i] < y[k]` is the only non-violation)."""
    n = len(y)
    target = list(range(n))
    i = 0
    while i < n:
        k = target[i] + 1
        if k == n:
            break
        if y[i] < y[k]:
            i = k
            continue
        sum_wy = w[i] * y[i]
        sum_w = w[i]
        while True:
            prev_y = y[k]
            sum_wy += w[k] * y[k]
            sum_w += w[k]
            k = target[k] + 1
            if k == n or prev_y < y[k]:
                y[i] = sum_wy / sum_w
                w[i] = sum_w
                target[i] = k - 1
                target[k - 1] = i
                if i > 0:
                    i = target[i - 1]
                break
    i = 0
    while i < n:
        k = target[i] + 1
        for j in range(i + 1, k):
            y[j] = y[i]
        i = k


def isotonic_fit(x, y):
    """Port of `IsotonicRegression(y_min=0, y_max=1, increasing=True).fit` (`_build_y` with
    trim_duplicates, `isotonic_regression`): returns the knots interp1d interpolates between."""
    order = sorted(range(len(x)), key=lambda i: (x[i], y[i]))  # np.lexsort((y, X))
    xs = [float(x[i]) for i in order]
    ys = [float(y[i]) for i in order]
    ws = [1.0] * len(xs)
    ux, uy, uw = make_unique(xs, ys, ws)
    inplace_contiguous_isotonic_regression(uy, uw)
    uy = [min(max(v, 0.0), 1.0) for v in uy]  # np.clip(y, y_min, y_max)
    keep = [True] * len(uy)
    for i in range(1, len(uy) - 1):
        keep[i] = uy[i] != uy[i - 1] or uy[i] != uy[i + 1]
    return [v for v, k in zip(ux, keep) if k], [v for v, k in zip(uy, keep) if k], min(ux), max(ux)


def isotonic_predict(knots_x, knots_y, x_min, x_max, t):
    """Port of `IsotonicRegression(out_of_bounds="clip").predict`: clip to [X_min_, X_max_], then
    `scipy.interpolate.interp1d(kind="linear")` (searchsorted left, slope from the two knots
    around) or, with a single knot, that knot's value."""
    t = min(max(t, x_min), x_max)
    if len(knots_x) == 1:
        return knots_y[0]
    # x_new_indices = searchsorted(x, x_new); clip(1, len(x) - 1)
    index = 0
    while index < len(knots_x) and knots_x[index] < t:
        index += 1
    index = min(max(index, 1), len(knots_x) - 1)
    lo, hi = index - 1, index
    slope = (knots_y[hi] - knots_y[lo]) / (knots_x[hi] - knots_x[lo])
    return slope * (t - knots_x[lo]) + knots_y[lo]


# --- the port against the outputs printed in scikit-learn's own docstrings ----------------------

DOCSTRING_EXAMPLES = [
    (roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.75),
    (log_loss([1, 0, 0, 1], [0.9, 0.1, 0.2, 0.65]), 0.21616),
    (brier_score_loss([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]), 0.0375),
    (macro_f1([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1]), 0.26666),
    (mean_absolute_error([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]), 0.5),
    (root_mean_squared_error([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]), 0.612),
    (mean_absolute_percentage_error([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]), 0.3273),
    (r2_score([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]), 0.948),
    (r2_score([-2, -2, -2], [-2, -2, -2]), 1.0),
    (r2_score([-2, -2, -2], [-2, -2, -2 + 1e-8]), 0.0),
]
for actual, printed in DOCSTRING_EXAMPLES:
    digits = len(repr(printed).split(".")[1])
    assert math.floor(actual * 10**digits) / 10**digits == printed or round(actual, digits) == printed, (actual, printed)


# --- the cases --------------------------------------------------------------------------------

rng = random.Random(20261201)


def calibrated_sample(n, digits):
    """Scores rounded to `digits` (so that ties happen) and labels drawn with that probability."""
    scores = [round(rng.random(), digits) for _ in range(n)]
    labels = [1 if rng.random() < s else 0 for s in scores]
    return labels, scores


def binary_case(name, y_true, score, threshold=0.5, y_pred=None):
    if y_pred is None:
        y_pred = [1 if s >= threshold else 0 for s in score]
    precision, recall, f1 = prf_binary(y_true, y_pred)
    return {
        "name": name,
        "y_true": y_true,
        "y_pred": y_pred,
        "score": score,
        "expected": {
            "roc_auc": roc_auc_score(y_true, score),
            "accuracy": accuracy_score(y_true, y_pred),
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "log_loss": log_loss(y_true, score),
            "brier": brier_score_loss(y_true, score),
        },
    }


binary = [
    binary_case("sklearn docstring example", [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]),
    binary_case("ties across the classes", [0, 1, 0, 1, 1, 0, 0, 1], [0.5, 0.5, 0.2, 0.8, 0.2, 0.8, 0.5, 0.5]),
    binary_case("every score the same", [0, 1, 1, 0, 1], [0.3] * 5),
    binary_case("all correct", [0, 0, 1, 1, 1], [0.1, 0.2, 0.7, 0.9, 0.95]),
    binary_case("all wrong", [1, 1, 0, 0, 0], [0.1, 0.2, 0.7, 0.9, 0.95]),
    binary_case("confident and wrong: scores of exactly 0 and 1", [1, 0, 1, 0], [0.0, 1.0, 1.0, 0.0]),
    binary_case("only negatives", [0, 0, 0, 0], [0.1, 0.6, 0.3, 0.2]),
    binary_case("only positives", [1, 1, 1], [0.9, 0.4, 0.7]),
    binary_case("only negatives, predicted negative", [0, 0, 0], [0.1, 0.2, 0.3]),
    binary_case("no positive predictions", [1, 0, 1, 0], [0.1, 0.2, 0.3, 0.4]),
    binary_case("a single record", [1], [0.8]),
    binary_case(
        "predictions that disagree with the scores",
        [1, 0, 1, 1, 0, 0],
        [0.9, 0.8, 0.3, 0.6, 0.1, 0.55],
        y_pred=[0, 1, 1, 1, 0, 1],
    ),
]
for n, digits in [(50, 1), (200, 2), (1000, 3), (2000, 6)]:
    labels, scores = calibrated_sample(n, digits)
    binary.append(binary_case(f"{n} calibrated records, scores to {digits} digits", labels, scores))
labels, scores = calibrated_sample(500, 2)
binary.append(binary_case("500 records, threshold 0.3", labels, scores, threshold=0.3))


def multiclass_case(name, y_true, y_pred):
    return {
        "name": name,
        "y_true": y_true,
        "y_pred": y_pred,
        "expected": {"accuracy": accuracy_score(y_true, y_pred), "macro_f1": macro_f1(y_true, y_pred)},
    }


classes = ["cat", "dog", "bird", "fish"]
noisy_true = [rng.choice(classes) for _ in range(300)]
noisy_pred = [t if rng.random() < 0.7 else rng.choice(classes) for t in noisy_true]
multiclass = [
    multiclass_case("sklearn docstring example", [0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1]),
    multiclass_case("all correct", ["a", "b", "c", "a"], ["a", "b", "c", "a"]),
    multiclass_case("all wrong", ["a", "b", "c"], ["b", "c", "a"]),
    multiclass_case("a predicted class never true", ["a", "a", "b", "b"], ["a", "c", "b", "b"]),
    multiclass_case("a true class never predicted", ["a", "b", "c", "c"], ["a", "b", "b", "b"]),
    multiclass_case("one class only", ["x", "x", "x"], ["x", "x", "x"]),
    multiclass_case("300 noisy records, 4 classes", noisy_true, noisy_pred),
]


def regression_case(name, y_true, y_pred):
    return {
        "name": name,
        "y_true": y_true,
        "y_pred": y_pred,
        "expected": {
            "mae": mean_absolute_error(y_true, y_pred),
            "rmse": root_mean_squared_error(y_true, y_pred),
            "mape": mean_absolute_percentage_error(y_true, y_pred),
            "r2": r2_score(y_true, y_pred),
        },
    }


noisy_y = [round(rng.gauss(50, 20), 3) for _ in range(400)]
regression = [
    regression_case("sklearn docstring example", [3, -0.5, 2, 7], [2.5, 0.0, 2, 8]),
    regression_case("perfect predictions", [1.5, 2.5, 4.0], [1.5, 2.5, 4.0]),
    regression_case("constant y_true, perfect", [2.0, 2.0, 2.0], [2.0, 2.0, 2.0]),
    regression_case("constant y_true, imperfect", [2.0, 2.0, 2.0], [1.0, 2.0, 3.5]),
    regression_case("a zero in y_true (MAPE's epsilon)", [0.0, 1.0, 2.0], [0.5, 1.0, 2.5]),
    regression_case("a single record", [3.0], [2.0]),
    regression_case("worse than the mean", [1.0, 2.0, 3.0], [3.0, 2.0, 1.0]),
    regression_case("400 noisy records", noisy_y, [round(y + rng.gauss(0, 8), 3) for y in noisy_y]),
]

wilson_cases = []
for successes, n in [(0, 1), (1, 1), (0, 10), (10, 10), (3, 10), (50, 100), (1, 200), (9876, 10000), (17, 23)]:
    low, high = wilson(successes, n)
    wilson_cases.append({"successes": successes, "n": n, "low": low, "high": high})


def isotonic_case(name, x, y, queries):
    knots_x, knots_y, x_min, x_max = isotonic_fit(x, y)
    return {
        "name": name,
        "x": x,
        "y": y,
        "queries": queries,
        "expected": [isotonic_predict(knots_x, knots_y, x_min, x_max, t) for t in queries],
    }


grid = [i / 20 for i in range(-2, 23)]
labels, scores = calibrated_sample(300, 2)
skewed = [min(1.0, s * s * 1.3) for s in scores]
near_ties_x = [0.3, 0.3 + 4e-16, 0.3 + 2e-15, 0.6, 0.6, 0.9]
isotonic = [
    isotonic_case("already increasing", [0.1, 0.2, 0.3, 0.4], [0, 0, 1, 1], grid),
    isotonic_case("one violation pooled", [0.1, 0.2, 0.3, 0.4, 0.5], [0, 1, 0, 1, 1], grid),
    isotonic_case("decreasing labels pool to one block", [0.1, 0.2, 0.3, 0.4], [1, 1, 0, 0], grid),
    isotonic_case("ties in x average their labels", [0.2, 0.2, 0.2, 0.5, 0.5, 0.8], [0, 1, 1, 0, 1, 1], grid),
    isotonic_case("x closer than 1e-15 counts as one value", near_ties_x, [1, 0, 0, 1, 0, 1], near_ties_x + grid),
    isotonic_case("a single distinct x", [0.4, 0.4, 0.4], [0, 1, 1], grid),
    isotonic_case("300 calibrated scores", scores, labels, grid + scores[:40]),
    isotonic_case("300 miscalibrated scores", skewed, labels, grid + skewed[:40]),
]

out = {
    "generated_with": "line-by-line standard-library port of scikit-learn (main, 1.8 development) and statsmodels; not scikit-learn itself",
    "binary": binary,
    "multiclass": multiclass,
    "regression": regression,
    "wilson": wilson_cases,
    "isotonic": isotonic,
}
path = pathlib.Path(__file__).with_name("sklearn-reference.json")
path.write_text(json.dumps(out, indent=1) + "\n")
print(
    f"wrote {path}: {len(binary)} binary, {len(multiclass)} multiclass, {len(regression)} regression, "
    f"{len(wilson_cases)} wilson, {len(isotonic)} isotonic cases"
)
