#!/usr/bin/env python3
"""Python reference implementations for `rinri-bench fairness` (see the README, "Benchmarks").

Usage:
    python3 scripts/bench-fairness-reference.py numpy FILE [--print-results]
    python3 scripts/bench-fairness-reference.py fairlearn FILE [--print-results]

FILE is a CSV made by `rinri-bench` with the columns sex, race, age_band, label, prediction and
score. Both modes compute what `rinri assess fairness --sensitive sex --sensitive race
--sensitive age_band --intersect sex,race --score score` computes — per-group confusion counts
and rates, ROC AUC, Brier score and calibration error for each feature and the intersection, and
fairlearn's six aggregates (between_groups) — and print one JSON line:

    {"tool": "numpy", "rows": N, "seconds": S, "read_seconds": R, ...}

`seconds` is measured by the script itself, from just before reading the CSV to the finished
results: it excludes interpreter start-up and importing numpy/pandas/fairlearn (about a second,
more for fairlearn), which favours the references.

* numpy: what a careful numpy/pandas programmer writes. The CSV is read with pandas' C engine,
  only the needed columns, with explicit dtypes (categories for the sensitive columns, int8 for
  label and prediction). The finest cells (sex x race x age_band) are numbered from the category
  codes, and one `np.bincount` per statistic counts the confusion outcomes, the 4096-bin score
  histogram per label (the same histogram ROC AUC as Rinri), the squared errors and the
  calibration bins per cell; each feature's groups are then sums over the cell axes, and the
  rates and aggregates are vectorised over the groups.
* fairlearn: `MetricFrame` with selection_rate, accuracy, the four rates, precision, balanced
  accuracy and count (y_pred = prediction) and a second one with roc_auc_score and
  brier_score_loss (y_pred = score), for each of the four features, plus fairlearn's
  demographic_parity_difference/ratio, equalized_odds_difference/ratio and
  equal_opportunity_difference/ratio for each feature — the way the library is meant to be used.

OpenBLAS: on some processors this machine sets OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE (older
OpenBLAS builds need them), which slows a current numpy. This script removes both from its own
environment before importing numpy (nothing else is affected) and reports the BLAS kernel
numpy then uses (threadpoolctl) in the JSON line. The computations here use no BLAS routine, so
this matters little; it is done so the reference is not handicapped.
"""
from __future__ import annotations

import json
import os
import sys
import time

for _name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
    os.environ.pop(_name, None)

ROC_BINS = 4096
CALIBRATION_BINS = 10
COLUMNS = ["sex", "race", "age_band", "label", "prediction", "score"]
DTYPES = {"sex": "category", "race": "category", "age_band": "category",
          "label": "int8", "prediction": "int8", "score": "float64"}


def read(path):
    import pandas as pd
    return pd.read_csv(path, engine="c", usecols=COLUMNS, dtype=DTYPES)


def blas_info() -> str:
    try:
        from threadpoolctl import threadpool_info
        import numpy  # noqa: F401  (loads the BLAS library)
        infos = [f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')} threads={i.get('num_threads')}"
                 for i in threadpool_info() if i.get("user_api") == "blas"]
        return "; ".join(infos) or "no BLAS loaded"
    except Exception as error:  # threadpoolctl missing: say so
        return f"unknown ({error})"


def numpy_reference(path):
    import numpy as np

    start = time.perf_counter()
    df = read(path)
    read_done = time.perf_counter()
    columns = ["sex", "race", "age_band"]
    codes = [df[c].cat.codes.to_numpy().astype(np.intp) for c in columns]
    sizes = [len(df[c].cat.categories) for c in columns]
    names = [list(df[c].cat.categories) for c in columns]
    y = df["label"].to_numpy().astype(np.intp)
    p = df["prediction"].to_numpy().astype(np.intp)
    s = df["score"].to_numpy()
    n = len(y)
    cells = sizes[0] * sizes[1] * sizes[2]
    cell = (codes[0] * sizes[1] + codes[1]) * sizes[2] + codes[2]
    del codes

    shape = tuple(sizes)
    outcome = np.bincount(cell * 4 + y * 2 + p, minlength=cells * 4).reshape(shape + (4,))  # tn, fp, fn, tp
    roc_bin = np.minimum((s * ROC_BINS).astype(np.intp), ROC_BINS - 1)
    roc = np.bincount((cell * 2 + y) * ROC_BINS + roc_bin, minlength=cells * 2 * ROC_BINS).reshape(shape + (2, ROC_BINS))
    del roc_bin
    brier = np.bincount(cell, weights=(s - y) ** 2, minlength=cells).reshape(shape)
    cal_index = cell * CALIBRATION_BINS + np.minimum((s * CALIBRATION_BINS).astype(np.intp), CALIBRATION_BINS - 1)
    cal_count = np.bincount(cal_index, minlength=cells * CALIBRATION_BINS).reshape(shape + (CALIBRATION_BINS,))
    cal_score = np.bincount(cal_index, weights=s, minlength=cells * CALIBRATION_BINS).reshape(shape + (CALIBRATION_BINS,))
    cal_pos = np.bincount(cal_index, weights=y, minlength=cells * CALIBRATION_BINS).reshape(shape + (CALIBRATION_BINS,))
    del cal_index, cell

    features = {"sex": (1, 2), "race": (0, 2), "age_band": (0, 1), "sex&race": (2,)}
    results = {}
    with np.errstate(divide="ignore", invalid="ignore"):
        overall = outcome.sum(axis=(0, 1, 2))
        for name, axes in features.items():
            counts = outcome.sum(axis=axes).reshape(-1, 4)
            tn, fp, fn, tp = (counts[:, i].astype(np.float64) for i in range(4))
            total = tn + fp + fn + tp
            present = total > 0
            positives, negatives = tp + fn, tn + fp
            group = {
                "count": total,
                "selection_rate": (tp + fp) / total,
                "accuracy": (tp + tn) / total,
                "true_positive_rate": tp / positives,
                "false_positive_rate": fp / negatives,
                "false_negative_rate": fn / positives,
                "true_negative_rate": tn / negatives,
                "precision": tp / (tp + fp),
                "negative_predictive_value": tn / (tn + fn),
                "f1_score": 2 * tp / (2 * tp + fp + fn),
                "base_rate": positives / total,
            }
            group["balanced_accuracy"] = (group["true_positive_rate"] + group["true_negative_rate"]) / 2
            hist = roc.sum(axis=axes).reshape(-1, 2, ROC_BINS).astype(np.float64)
            neg_hist, pos_hist = hist[:, 0, :], hist[:, 1, :]
            below = np.cumsum(neg_hist, axis=1) - neg_hist
            group["roc_auc"] = (pos_hist * (below + 0.5 * neg_hist)).sum(axis=1) / (positives * negatives)
            group["brier_score"] = brier.sum(axis=axes).reshape(-1) / total
            cc = cal_count.sum(axis=axes).reshape(-1, CALIBRATION_BINS)
            cs = cal_score.sum(axis=axes).reshape(-1, CALIBRATION_BINS)
            cp = cal_pos.sum(axis=axes).reshape(-1, CALIBRATION_BINS)
            group["expected_calibration_error"] = np.abs(cp - cs).sum(axis=1) / cc.sum(axis=1)
            group = {k: v[present] for k, v in group.items()}
            sr, tpr, fpr = group["selection_rate"], group["true_positive_rate"], group["false_positive_rate"]

            def diff(v):
                v = v[~np.isnan(v)]
                return float(v.max() - v.min()) if len(v) else None

            def ratio(v):
                v = v[~np.isnan(v)]
                return float(v.min() / v.max()) if len(v) and v.max() > 0 else None

            def pick(a, b, f):
                return None if a is None or b is None else f(a, b)

            benefit = (tp + tn + 2 * fp)[present]
            mu = benefit.sum() / n
            shares = benefit / total[present] / mu
            aggregates = {
                "demographic_parity_difference": diff(sr), "demographic_parity_ratio": ratio(sr),
                "equalized_odds_difference": pick(diff(tpr), diff(fpr), max),
                "equalized_odds_ratio": pick(ratio(tpr), ratio(fpr), min),
                "equal_opportunity_difference": diff(tpr), "equal_opportunity_ratio": ratio(tpr),
                "between_all_groups_generalized_entropy_index":
                    float((total[present] * (shares ** 2 - 1)).sum() / (n * 2)) if mu > 0 else None,
            }
            if name == "sex&race":
                keys = [[a, b] for a in names[0] for b in names[1]]
            else:
                keys = [[v] for v in names[["sex", "race", "age_band"].index(name)]]
            keys = [k for k, keep in zip(keys, present) if keep]
            results[name] = {"groups": [{"values": k, **{m: _num(v[i]) for m, v in group.items()}}
                                        for i, k in enumerate(keys)],
                             "metrics": aggregates}
        tn, fp, fn, tp = (float(v) for v in overall)
        mu = (tp + tn + 2 * fp) / n
        ge = None
        theil = None
        if mu > 0:
            weights = [(fn, 0.0), (tp + tn, 1.0), (fp, 2.0)]
            ge = sum(w * ((b / mu) ** 2 - 1) for w, b in weights if w) / (n * 2)
            theil = sum(w * (b / mu) * np.log(b / mu) for w, b in weights if w and b) / n
        results["overall"] = {"generalized_entropy_index": ge, "theil_index": _num(theil)}
    done = time.perf_counter()
    return results, n, done - start, read_done - start


def fairlearn_reference(path):
    import warnings
    warnings.filterwarnings("ignore")
    import sklearn.metrics as skm
    from fairlearn.metrics import (MetricFrame, count, demographic_parity_difference, demographic_parity_ratio,
                                   equal_opportunity_difference, equal_opportunity_ratio, equalized_odds_difference,
                                   equalized_odds_ratio, false_negative_rate, false_positive_rate, selection_rate,
                                   true_negative_rate, true_positive_rate)

    def precision(y_true, y_pred):
        return skm.precision_score(y_true, y_pred, zero_division=0)

    start = time.perf_counter()
    df = read(path)
    read_done = time.perf_counter()
    y = df["label"].to_numpy()
    p = df["prediction"].to_numpy()
    s = df["score"].to_numpy()
    metrics = {"selection_rate": selection_rate, "accuracy": skm.accuracy_score,
               "true_positive_rate": true_positive_rate, "false_positive_rate": false_positive_rate,
               "false_negative_rate": false_negative_rate, "true_negative_rate": true_negative_rate,
               "precision": precision, "balanced_accuracy": skm.balanced_accuracy_score, "count": count}
    score_metrics = {"roc_auc": skm.roc_auc_score, "brier_score": skm.brier_score_loss}
    aggregates = [demographic_parity_difference, demographic_parity_ratio, equalized_odds_difference,
                  equalized_odds_ratio, equal_opportunity_difference, equal_opportunity_ratio]
    results = {}
    for name, features in [("sex", df["sex"]), ("race", df["race"]), ("age_band", df["age_band"]),
                           ("sex&race", df[["sex", "race"]])]:
        frame = MetricFrame(metrics=metrics, y_true=y, y_pred=p, sensitive_features=features)
        scores = MetricFrame(metrics=score_metrics, y_true=y, y_pred=s, sensitive_features=features)
        results[name] = {
            "by_group": json.loads(frame.by_group.join(scores.by_group).reset_index().to_json(orient="records")),
            "metrics": {f.__name__: _num(f(y, p, sensitive_features=features)) for f in aggregates},
        }
    done = time.perf_counter()
    return results, len(y), done - start, read_done - start


def _num(x):
    if x is None:
        return None
    x = float(x)
    return x if x == x and abs(x) != float("inf") else None


def main() -> int:
    if len(sys.argv) < 3 or sys.argv[1] not in ("numpy", "fairlearn"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    mode, path = sys.argv[1], sys.argv[2]
    run = numpy_reference if mode == "numpy" else fairlearn_reference
    results, rows, seconds, read_seconds = run(path)
    line = {"tool": mode, "rows": rows, "seconds": seconds, "read_seconds": read_seconds, "blas": blas_info(),
            "pid_maxrss_kb": _maxrss_kb()}
    if "--print-results" in sys.argv[3:]:
        line["results"] = results
    print(json.dumps(line))
    return 0


def _maxrss_kb() -> int:
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    sys.exit(main())
