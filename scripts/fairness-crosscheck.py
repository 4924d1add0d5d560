#!/usr/bin/env python3
"""Cross-check `rinri assess fairness` against fairlearn, AIF360 and scikit-learn.

Usage:
    python3 scripts/fairness-crosscheck.py --rinri PATH [--tables 200] [--seed 1] [--venv DIR]
                                           [--only I] [--failures DIR]

The script makes (or reuses) a virtual environment (default `.build/crosscheck-venv` in the
repository), installs the pinned reference libraries into it with `pip install -q`, and runs
itself again with that environment's Python. It then generates `--tables` random tables, runs
the Rinri binary on each (twice: `--method between_groups` with the default alpha 2, and
`--method to_overall --alpha 0.5`) and compares the JSON report with the references:

* fairlearn `MetricFrame`, per group and overall, for each single sensitive column and each
  intersection: selection_rate, accuracy, balanced_accuracy (scikit-learn), true/false
  positive/negative rates, precision (scikit-learn), count;
* fairlearn's aggregate functions `demographic_parity_difference/ratio`,
  `equalized_odds_difference/ratio`, `equal_opportunity_difference/ratio` with the run's method;
* AIF360 `ClassificationMetric`: disparate_impact, statistical_parity_difference,
  average_odds_difference and between_group_generalized_entropy_index for the `--reference`
  group, generalized_entropy_index (alpha 2 and 0.5) and theil_index of the population, and
  between_all_groups_generalized_entropy_index of every feature;
* scikit-learn roc_auc_score and brier_score_loss per group (with a score column);
* the four confusion counts of every group, counted with numpy.

Any difference above 1e-9 (absolute) fails the table. The run exits 0 when every table agrees,
1 otherwise (after a per-table report of the first differences; the failing tables are saved as
CSV under `--failures`, default `.build/crosscheck-failures`, with the exact Rinri command), and 2
for a usage or set-up error. The last line is `N passed, M failed` (tables).

`--only I` re-runs table I of the run with the same `--seed` (table I's data depend only on the
seed and I).

Deliberate differences (Rinri's documented behaviour, checked as such):

1. An undefined rate (0/0): TPR and FNR of a group without positive labels, FPR and TNR of a
   group without negative labels, precision of a group without positive predictions. fairlearn
   (through scikit-learn's confusion matrix / zero_division) reports 0; Rinri reports null.
   The script asserts that Rinri gives null (and that fairlearn gave 0).
2. Balanced accuracy of a group that has only one label class: scikit-learn averages the recall
   of the classes present (so it is that class's recall, with a warning); Rinri reports null
   because TPR or TNR is 0/0. Checked as: Rinri null.
3. Aggregates over groups with an undefined rate: fairlearn takes the min/max over the 0s of
   point 1; Rinri leaves those groups out. Where that happens, the script recomputes the
   aggregate from fairlearn's own per-group values over the defined groups only (between_groups:
   max - min and min / max; to_overall: max |v - overall| and min of v/overall inverted when
   above 1; equalized odds: the larger difference / smaller ratio of the TPR and FPR parts, null
   when either part is null) and compares that with Rinri. A ratio whose own division is 0/0
   (every defined rate 0, or an overall rate of 0 with to_overall) is null in Rinri; fairlearn
   gives NaN there, and the script checks that Rinri gives null.
4. Empty intersection cells: fairlearn's MetricFrame lists every combination of the feature's
   values and fills empty ones with NaN; Rinri lists only the combinations that occur. The
   script checks that the occurring combinations are exactly Rinri's groups.
5. AIF360 returns NaN or inf (numpy division by zero) where Rinri returns null: disparate impact
   with a privileged selection rate of 0, any reference metric when the privileged or the
   unprivileged group is empty, average odds when a TPR or FPR is 0/0, and the entropy indices
   when the mean benefit is 0. Checked as: Rinri null exactly when AIF360 is not finite.
6. ROC AUC: Rinri counts scores in 4096 equal-width bins on [0, 1] (bin = min(floor(s*4096),
   4095)) and counts pairs within one bin as ties. The error against the exact AUC is at most
   1/2 * sum_b pos_b * neg_b / (P * N), the share of positive/negative pairs that share a bin.
   The script computes that bound for each group from the same binning and requires
   |Rinri - sklearn| <= bound + 1e-9 (it is 0 when equal scores are the only pairs sharing a bin,
   as in the tables whose scores are rounded to two decimals). It also recomputes the histogram
   AUC itself and requires agreement within 1e-9, which checks Rinri's arithmetic exactly.
7. Labels: Rinri reads labels as text (`--positive-label yes`, negative derived); the
   references get the same labels as 0/1 integers.
8. Equalized odds ratio when one part is 0/0 although every group is defined (every group's FPR
   is 0, say, so the FPR ratio is 0/0): fairlearn's `min(eo.ratio())` is Python's min over
   (TPR ratio, NaN), which returns the TPR ratio (and would return NaN in the other order);
   Rinri reports null, as it does for any aggregate with an undefined part. Checked as: null.

Performance: fairlearn's aggregate functions build a MetricFrame each; the script takes the
aggregates from one MetricFrame per feature with `difference(method=...)`/`ratio(method=...)` and
`max`/`min` over the (TPR, FPR) parts, which is what those functions do, and on every fourth
table also calls the six functions themselves and requires the same numbers.
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PINS = [
    "fairlearn==0.15.0",
    "aif360==0.6.1",
    "pandas==3.1.1",
    "numpy==2.4.6",
    "scikit-learn==1.9.1",
    "scipy==1.17.1",
    "threadpoolctl==3.8.0",
]
TOLERANCE = 1e-9
ROC_BINS = 4096
MARKER_ENV = "RINRI_CROSSCHECK_IN_VENV"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Cross-check rinri assess fairness against fairlearn and AIF360.")
    parser.add_argument("--rinri", required=True, help="path of the rinri binary")
    parser.add_argument("--tables", type=int, default=200, help="random tables to check (default 200)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the run (default 1)")
    parser.add_argument("--venv", default=str(REPO / ".build" / "crosscheck-venv"),
                        help="virtual environment for the references (default .build/crosscheck-venv)")
    parser.add_argument("--only", type=int, default=None, help="check only table I of this seed")
    parser.add_argument("--failures", default=str(REPO / ".build" / "crosscheck-failures"),
                        help="where failing tables are saved (default .build/crosscheck-failures)")
    parser.add_argument("--max-differences", type=int, default=8, help="differences printed per failing table")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                        help="worker processes (default: 2, or 1 on a one-core machine)")
    args = parser.parse_args()
    if args.tables < 1:
        parser.error("--tables must be at least 1")
    return args


# ---------------------------------------------------------------------------------------------
# The virtual environment.

def ensure_venv_and_reexec(args: argparse.Namespace) -> None:
    venv = Path(args.venv).resolve()
    python = venv / "bin" / "python"
    if os.environ.get(MARKER_ENV) == "1":
        return
    try:
        if not python.exists():
            print(f"creating the virtual environment {venv}", flush=True)
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        marker = venv / "rinri-crosscheck-pins.txt"
        wanted = "\n".join(PINS) + "\n"
        if not marker.exists() or marker.read_text() != wanted:
            print("installing " + " ".join(PINS), flush=True)
            subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *PINS],
                           check=True)
            marker.write_text(wanted)
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"error: cannot set up the virtual environment {venv}: {error}", file=sys.stderr)
        sys.exit(2)
    env = dict(os.environ, **{MARKER_ENV: "1"})
    os.execve(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]], env)


# ---------------------------------------------------------------------------------------------
# Random tables.

FAMILIES = [
    "basic", "empty-cell", "no-positives", "no-negatives", "no-positive-predictions",
    "string-labels", "three-way", "tiny", "zero-rates", "absent-reference",
]
PALETTES = {
    "sex": ["F", "M", "X", "U", "N", "O"],
    "race": ["a", "b", "c", "d", "e", "f"],
    "age_band": ["18-25", "26-35", "36-45", "46-60", "61+", "unknown"],
    "region": ["1", "2", "3", "4", "5", "6"],
    "language": ["en", "日本語", "de, at", "fr", "\"pt\"", "es"],
}
LABEL_PAIRS = [("yes", "no"), ("Positive", "negative"), ("true", "false"), ("Y", "N"), ("pos", "neg")]


class Table:
    """One generated table: its columns in memory and what Rinri is asked."""

    def __init__(self, index: int, family: str):
        self.index = index
        self.family = family
        self.sensitive: list[str] = []
        self.intersections: list[list[str]] = []
        self.columns: dict[str, object] = {}
        self.y = None          # numpy int array, 1 = positive
        self.p = None
        self.score = None      # numpy float array or None
        self.label_text = ("1", "0")
        self.reference: tuple[str, str] | None = None
        self.path: Path | None = None

    @property
    def rows(self) -> int:
        return len(self.y)

    def features(self) -> list[list[str]]:
        return [[c] for c in self.sensitive] + self.intersections


def generate(seed: int, index: int):
    import numpy as np

    rng = np.random.default_rng([seed, index])
    family = FAMILIES[index % len(FAMILIES)]
    t = Table(index, family)
    if family == "tiny":
        n = int(rng.integers(20, 81))
    else:
        n = int(round(math.exp(rng.uniform(math.log(20), math.log(5000)))))
    if family in ("three-way", "tiny"):
        ncols = 3
    elif family == "empty-cell":
        ncols = int(rng.integers(2, 4))
    else:
        ncols = int(rng.integers(1, 4))
    names = list(rng.permutation(list(PALETTES)))[:ncols]
    codes = {}
    for name in names:
        k = int(rng.integers(4, 7)) if family == "tiny" else int(rng.integers(2, 7))
        probs = rng.dirichlet(np.full(k, 0.7))
        probs = np.maximum(probs, 0.01)
        probs /= probs.sum()
        codes[name] = (rng.choice(k, size=n, p=probs), k)
    if family == "empty-cell":
        # Empty one combination of the first two columns while both values still occur.
        (a, ka), (b, kb) = codes[names[0]], codes[names[1]]
        va, vb = int(a[0]), int(b[0])
        b[(a == va) & (b == vb)] = (vb + 1) % kb
        if not np.any(b == vb):
            others = np.flatnonzero(a != va)
            i = int(others[0]) if len(others) else n - 1
            a[i] = a[i] if len(others) else (va + 1) % ka
            b[i] = vb
    for name in names:
        values, _ = codes[name]
        palette = PALETTES[name]
        t.columns[name] = np.array(palette, dtype=object)[values]
    t.sensitive = names
    if ncols >= 2:
        t.intersections.append(names[:2])
    # Three-way intersections (the costliest for the references) in three families only.
    if ncols == 3 and family in ("three-way", "tiny", "empty-cell"):
        t.intersections.append(names[:3])
    if ncols == 3 and family == "three-way":
        t.intersections.append([names[2], names[1]])

    # Labels, scores, predictions with group-dependent rates.
    first = codes[names[0]][0]
    effect = rng.normal(0, 0.8, size=codes[names[0]][1])
    logit = rng.normal(-0.3, 1.0) + effect[first] + rng.normal(0, 1.0, size=n)
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(np.int64)
    raw = np.clip(1 / (1 + np.exp(-(logit + rng.normal(0, 1.2, size=n) + 0.8 * (2 * y - 1)))), 0, 1)
    style = index // len(FAMILIES) % 3
    if style == 0:
        text = [f"{s:.2f}" for s in raw]          # many exact ties, one value per ROC bin
    elif style == 1:
        text = [f"{s:.6f}" for s in raw]
    else:
        raw[rng.random(n) < 0.05] = 0.0
        raw[rng.random(n) < 0.05] = 1.0
        text = [repr(float(s)) for s in raw]      # full precision, exact 0 and 1
    score = np.array([float(s) for s in text])
    threshold = rng.uniform(0.3, 0.7)
    p = (score > threshold).astype(np.int64)
    flip = rng.random(n) < 0.1
    p[flip] = 1 - p[flip]

    target = first == first[0]
    if family == "no-positives":
        y[target] = 0
    elif family == "no-negatives":
        y[target] = 1
    elif family == "no-positive-predictions":
        p[target] = 0
    elif family == "zero-rates":
        # A group whose TPR is 0 but defined, and one whose FPR is 0 but defined.
        y[target] = rng.integers(0, 2, size=int(target.sum()))
        p[target & (y == 1)] = 0
        other = first != first[0]
        p[other & (y == 0)] = 0
        if index % 20 == 8:
            p[:] = 0  # no positive prediction anywhere: every selection rate 0, ratios 0/0
    t.y, t.p = y, p
    t.score = score if rng.random() < 0.75 else None
    t.score_text = text
    if family == "string-labels":
        t.label_text = LABEL_PAIRS[index // len(FAMILIES) % len(LABEL_PAIRS)]
    present = sorted(set(t.columns[names[0]]))
    if family == "absent-reference" and index // len(FAMILIES) % 2 == 0:
        t.reference = (names[0], "absent value")
    else:
        t.reference = (names[0], str(rng.choice(present)))
    return t


def write_csv(t: Table, path: Path) -> None:
    pos, neg = t.label_text
    header = t.sensitive + ["label", "prediction"] + (["score"] if t.score is not None else [])
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        cols = [t.columns[c] for c in t.sensitive]
        for i in range(t.rows):
            row = [c[i] for c in cols]
            row += [pos if t.y[i] else neg, pos if t.p[i] else neg]
            if t.score is not None:
                row.append(t.score_text[i])
            w.writerow(row)
    t.path = path


def rinri_command(rinri: str, t: Table, method: str, alpha: float | None) -> list[str]:
    cmd = [rinri, "assess", "fairness", "--data", str(t.path), "--label", "label", "--prediction", "prediction"]
    if t.score is not None:
        cmd += ["--score", "score"]
    for c in t.sensitive:
        cmd += ["--sensitive", c]
    for cols in t.intersections:
        cmd += ["--intersect", ",".join(cols)]
    if t.label_text[0] != "1":
        cmd += ["--positive-label", t.label_text[0]]
    if t.reference is not None:
        cmd += ["--reference", f"{t.reference[0]}={t.reference[1]}"]
    cmd += ["--method", method]
    if alpha is not None:
        cmd += ["--alpha", repr(alpha)]
    return cmd


RUNS = [("between_groups", None, 2.0), ("to_overall", 0.5, 0.5)]  # (method, --alpha, alpha used)


# ---------------------------------------------------------------------------------------------
# Comparison.

class Differences:
    def __init__(self):
        self.items: list[tuple] = []
        self.checked = 0
        self.substituted = 0   # aggregates where fairlearn's 0-for-0/0 changed its result

    def value(self, run, feature, group, metric, rinri, reference, source, tolerance=TOLERANCE):
        """Expects rinri == reference within tolerance; reference None means Rinri must say null."""
        self.checked += 1
        if reference is None:
            if rinri is not None:
                self.items.append((run, feature, group, metric, rinri, "null", source))
            return
        if rinri is None or not isinstance(rinri, (int, float)) or not math.isfinite(reference) \
                or abs(rinri - reference) > tolerance:
            self.items.append((run, feature, group, metric, rinri, reference, source))

    def fail(self, run, feature, group, metric, rinri, reference, source):
        self.items.append((run, feature, group, metric, rinri, reference, source))


def finite(x) -> float | None:
    x = float(x)
    return x if math.isfinite(x) else None


def strict_load(text: str):
    def refuse(name):
        raise ValueError(f"non-JSON number {name} in the report")
    return json.loads(text, parse_constant=refuse)


GROUP_KEYS = ["selection_rate", "accuracy", "true_positive_rate", "false_positive_rate", "false_negative_rate",
              "true_negative_rate", "precision", "negative_predictive_value", "f1_score", "balanced_accuracy",
              "base_rate", "roc_auc", "brier_score", "expected_calibration_error", "count",
              "true_positives", "false_positives", "true_negatives", "false_negatives"]


def aggregate(values: list, overall, method: str, kind: str):
    """Rinri's documented aggregate over the defined group values (None = undefined)."""
    defined = [v for v in values if v is not None]
    if not defined:
        return None
    if kind == "difference":
        if method == "between_groups":
            return max(defined) - min(defined)
        if overall is None:
            return None
        return max(abs(v - overall) for v in defined)
    if method == "between_groups":
        return None if max(defined) == 0 else min(defined) / max(defined)
    if overall is None or overall == 0:
        return None
    return min((v / overall) if v / overall <= 1 else overall / v for v in defined)


def combine(first, second, pick):
    return None if first is None or second is None else pick(first, second)


def _numpy_inputs(function):
    """fairlearn/scikit-learn metric called with numpy arrays (MetricFrame passes pandas Series,
    which scikit-learn converts much more slowly; the values are the same)."""
    import numpy as np

    def call(y_true, y_pred):
        return function(np.asarray(y_true), np.asarray(y_pred))
    call.__name__ = getattr(function, "__name__", "metric")
    return call


def _precision(y_true, y_pred):
    import sklearn.metrics as skm
    return skm.precision_score(y_true, y_pred, zero_division=0)


def _guarded(call):
    """An AIF360 value, None when it is not a finite number (or raises on a division by zero)."""
    try:
        return finite(call())
    except ZeroDivisionError:
        return None


class GroupExpectation:
    """What one group of one feature should look like (the same for both runs)."""

    def __init__(self, counts, row: dict, auc=None, histogram_auc=None, bound=None, brier=None):
        self.counts = counts
        self.row = row
        self.auc, self.histogram_auc, self.bound, self.brier = auc, histogram_auc, bound, brier


class FeatureExpectation:
    def __init__(self, name: str, cols: list[str]):
        self.name = name
        self.cols = cols
        self.groups: dict[tuple, GroupExpectation] = {}
        self.aggregates: dict[str, dict[str, tuple]] = {}   # method -> metric -> (value, source)
        self.between_all: dict[float, float | None] = {}     # alpha -> AIF360 value
        self.self_check: list[tuple] = []                    # disagreements inside the references


class Reference:
    """The reference values of one table, computed once and compared with both runs."""

    METRIC_COLUMNS = ["selection_rate", "accuracy", "balanced_accuracy", "true_positive_rate", "false_positive_rate",
                      "true_negative_rate", "false_negative_rate", "precision", "count"]

    def __init__(self, t: Table, methods: list[str], alphas: list[float], check_functions: bool):
        import numpy as np
        import pandas as pd
        import sklearn.metrics as skm
        from fairlearn.metrics import (MetricFrame, count, false_negative_rate, false_positive_rate,
                                       selection_rate, true_negative_rate, true_positive_rate)

        self.t = t
        self.df = pd.DataFrame({c: t.columns[c] for c in t.sensitive})
        metrics = {
            "selection_rate": selection_rate,
            "accuracy": skm.accuracy_score,
            "balanced_accuracy": skm.balanced_accuracy_score,
            "true_positive_rate": true_positive_rate,
            "false_positive_rate": false_positive_rate,
            "true_negative_rate": true_negative_rate,
            "false_negative_rate": false_negative_rate,
            "precision": _precision,
            "count": count,
        }
        metrics = {k: _numpy_inputs(f) for k, f in metrics.items()}
        y, p = t.y, t.p
        self.overall_counts = self.counts(np.arange(t.rows))
        self.features: list[FeatureExpectation] = []
        for position, cols in enumerate(t.features()):
            fe = FeatureExpectation("&".join(cols), cols)
            sf = self.df[cols[0]] if len(cols) == 1 else self.df[cols]
            mf = MetricFrame(metrics=metrics, y_true=y, y_pred=p, sensitive_features=sf)
            by_group = mf.by_group
            occurring = {}
            for key, idx in self.df.groupby(cols, sort=True).indices.items():
                key = key if isinstance(key, tuple) else (key,)
                occurring[tuple(str(v) for v in key)] = idx
            # fairlearn lists every combination; the empty ones are NaN (deliberate difference 4).
            listed = set()
            for key_index, row in by_group.iterrows():
                key = tuple(str(v) for v in (key_index if isinstance(key_index, tuple) else (key_index,)))
                if key not in occurring:
                    if not pd.isna(row["count"]) and row["count"] != 0:
                        fe.self_check.append((fe.name, key, "count of a combination pandas did not find",
                                              row["count"], 0))
                    continue
                listed.add(key)
                fe.groups[key] = self.group(occurring[key], {m: float(row[m]) for m in self.METRIC_COLUMNS})
            if position == 0:
                self.overall = self.group(np.arange(t.rows), {m: float(mf.overall[m]) for m in self.METRIC_COLUMNS})
            if listed != set(occurring):
                fe.self_check.append((fe.name, "-", "groups of MetricFrame vs pandas", sorted(listed),
                                      sorted(occurring)))
            self.aggregates(fe, mf, methods, sf, check_functions=check_functions and position == 0)
            codes = self.df.groupby(cols, sort=True).ngroup().to_numpy()
            cm = aif360_metric(codes, y, p, privileged_value=-1.0)  # groups come from the dataset here
            for alpha in alphas:
                fe.between_all[alpha] = _guarded(lambda: cm.between_all_groups_generalized_entropy_index(alpha=alpha))
            self.features.append(fe)
        column, value = t.reference
        cm = aif360_metric(self.df[column].to_numpy() == value, y, p)
        self.reference_metrics = {}
        for alpha in alphas:
            self.reference_metrics[alpha] = {
                "disparate_impact": _guarded(cm.disparate_impact),
                "statistical_parity_difference": _guarded(cm.statistical_parity_difference),
                "average_odds_difference": _guarded(cm.average_odds_difference),
                "between_group_generalized_entropy_index":
                    _guarded(lambda: cm.between_group_generalized_entropy_index(alpha=alpha)),
                "generalized_entropy_index": _guarded(lambda: cm.generalized_entropy_index(alpha=alpha)),
                "theil_index": _guarded(cm.theil_index),
            }

    def counts(self, idx):
        y, p = self.t.y[idx], self.t.p[idx]
        tp = int(((y == 1) & (p == 1)).sum())
        fp = int(((y == 0) & (p == 1)).sum())
        tn = int(((y == 0) & (p == 0)).sum())
        fn = int(((y == 1) & (p == 0)).sum())
        return tp, fp, tn, fn

    def group(self, idx, row) -> GroupExpectation:
        import numpy as np
        import sklearn.metrics as skm

        counts = self.counts(idx)
        t = self.t
        if t.score is None:
            return GroupExpectation(counts, row)
        ys, ss = t.y[idx], t.score[idx]
        brier = float(skm.brier_score_loss(ys, ss)) if 0 < ys.sum() < len(ys) else float(np.mean((ss - ys) ** 2))
        if ys.sum() in (0, len(ys)):
            return GroupExpectation(counts, row, brier=brier)
        exact = float(skm.roc_auc_score(ys, ss))
        bins = np.minimum((ss * ROC_BINS).astype(np.int64), ROC_BINS - 1)
        pos = np.bincount(bins[ys == 1], minlength=ROC_BINS).astype(np.float64)
        neg = np.bincount(bins[ys == 0], minlength=ROC_BINS).astype(np.float64)
        below = np.concatenate(([0.0], np.cumsum(neg)[:-1]))
        pairs = pos.sum() * neg.sum()
        histogram_auc = float((pos * (below + 0.5 * neg)).sum() / pairs)
        bound = float(0.5 * (pos * neg).sum() / pairs)
        return GroupExpectation(counts, row, auc=exact, histogram_auc=histogram_auc, bound=bound, brier=brier)

    def aggregates(self, fe: FeatureExpectation, mf, methods, sf, check_functions: bool) -> None:
        """fairlearn's aggregates from the MetricFrame (`difference`/`ratio`, as its functions
        compute them), or — where a group's rate is 0/0 — recomputed over the defined groups."""
        from fairlearn.metrics import (demographic_parity_difference, demographic_parity_ratio,
                                       equal_opportunity_difference, equal_opportunity_ratio,
                                       equalized_odds_difference, equalized_odds_ratio)

        column = {"sr": "selection_rate", "tpr": "true_positive_rate", "fpr": "false_positive_rate"}
        keys = sorted(fe.groups)

        def defined(kind, counts):
            tp, fp, tn, fn = counts
            return True if kind == "sr" else (tp + fn > 0 if kind == "tpr" else fp + tn > 0)

        values = {kind: [fe.groups[k].row[column[kind]] if defined(kind, fe.groups[k].counts) else None
                         for k in keys] for kind in column}
        clean = {kind: all(v is not None for v in values[kind]) for kind in column}
        overall = {kind: (float(mf.overall[column[kind]]) if defined(kind, self.overall_counts) else None)
                   for kind in column}
        functions = {
            "demographic_parity_difference": (demographic_parity_difference, ["sr"], "difference", None),
            "demographic_parity_ratio": (demographic_parity_ratio, ["sr"], "ratio", None),
            "equalized_odds_difference": (equalized_odds_difference, ["tpr", "fpr"], "difference", max),
            "equalized_odds_ratio": (equalized_odds_ratio, ["tpr", "fpr"], "ratio", min),
            "equal_opportunity_difference": (equal_opportunity_difference, ["tpr"], "difference", None),
            "equal_opportunity_ratio": (equal_opportunity_ratio, ["tpr"], "ratio", None),
        }
        for method in methods:
            difference = mf.difference(method=method)
            ratio = mf.ratio(method=method)
            table = {}
            for metric, (function, kinds, agg, pick) in functions.items():
                frame = difference if agg == "difference" else ratio
                if pick is None:
                    fairlearn_value = finite(frame[column[kinds[0]]])
                else:  # fairlearn: max(eo.difference(...)) / min(eo.ratio(...)) over (tpr, fpr)
                    fairlearn_value = finite(pick(frame[[column[k] for k in kinds]]))
                parts = [aggregate(values[k], overall[k], method, agg) for k in kinds]
                mine = parts[0] if pick is None else combine(parts[0], parts[1], pick)
                nan_part = pick is not None and any(finite(frame[column[k]]) is None for k in kinds)
                if all(clean[k] for k in kinds) and nan_part:
                    # Deliberate difference 8: fairlearn's min()/max() over a NaN part.
                    if mine is not None:
                        fe.self_check.append((fe.name, "-", f"{metric} [{method}]: a NaN part but a value", mine,
                                              fairlearn_value))
                    table[metric] = (None, "fairlearn part is NaN (0/0 ratio); Rinri null", fairlearn_value)
                elif all(clean[k] for k in kinds):
                    if (mine is None) != (fairlearn_value is None) or \
                            (mine is not None and abs(mine - fairlearn_value) > TOLERANCE):
                        fe.self_check.append((fe.name, "-", f"{metric} [{method}]: recomputation vs fairlearn",
                                              mine, fairlearn_value))
                    table[metric] = (fairlearn_value, f"fairlearn {metric}")
                else:
                    table[metric] = (mine, "fairlearn per-group values over the defined groups (0/0 left out)",
                                     fairlearn_value)
                if check_functions:
                    # fairlearn's own function on the same data must give what the MetricFrame gave.
                    direct = finite(function(self.t.y, self.t.p, sensitive_features=sf, method=method))
                    if (direct is None) != (fairlearn_value is None) or \
                            (direct is not None and abs(direct - fairlearn_value) > TOLERANCE):
                        fe.self_check.append((fe.name, "-", f"fairlearn {metric}() vs MetricFrame [{method}]",
                                              direct, fairlearn_value))
            fe.aggregates[method] = table


def check_group(d: Differences, run, feature, key, g, expected: GroupExpectation, has_score: bool):
    tp, fp, tn, fn = expected.counts
    got = (g.get("true_positives"), g.get("false_positives"), g.get("true_negatives"), g.get("false_negatives"))
    if got != expected.counts:
        d.fail(run, feature, key, "confusion counts (tp, fp, tn, fn)", got, expected.counts, "numpy")
    missing = [k for k in GROUP_KEYS if k not in g]
    if missing:
        d.fail(run, feature, key, "missing keys", missing, "all present", "schema")
    positives, negatives, predicted = tp + fn, fp + tn, tp + fp
    undefined = {
        "true_positive_rate": positives == 0, "false_negative_rate": positives == 0,
        "false_positive_rate": negatives == 0, "true_negative_rate": negatives == 0,
        "precision": predicted == 0, "balanced_accuracy": positives == 0 or negatives == 0,
    }
    for metric in Reference.METRIC_COLUMNS:
        ref = expected.row[metric]
        if undefined.get(metric):
            if metric != "balanced_accuracy" and ref != 0:
                d.fail(run, feature, key, metric + " (expected fairlearn to report 0 for 0/0)", g.get(metric), ref,
                       "fairlearn")
            d.value(run, feature, key, metric, g.get(metric), None, "fairlearn gives 0 for 0/0; Rinri null")
        else:
            d.value(run, feature, key, metric, g.get(metric), ref, "fairlearn MetricFrame")
    if not has_score:
        for metric in ("roc_auc", "brier_score", "expected_calibration_error"):
            d.value(run, feature, key, metric, g.get(metric), None, "no score column")
        return
    d.value(run, feature, key, "brier_score", g.get("brier_score"), expected.brier, "sklearn brier_score_loss")
    if expected.auc is None:
        d.value(run, feature, key, "roc_auc", g.get("roc_auc"), None, "undefined with one label class")
        return
    d.value(run, feature, key, "roc_auc", g.get("roc_auc"), expected.histogram_auc, "4096-bin histogram AUC (numpy)")
    d.value(run, feature, key, "roc_auc", g.get("roc_auc"), expected.auc,
            f"sklearn roc_auc_score, histogram bound {expected.bound:.3g}", tolerance=expected.bound + TOLERANCE)


def check_run(d: Differences, ref: Reference, report: dict, method: str, alpha: float) -> None:
    t = ref.t
    run = f"{method} alpha={alpha:g}"
    if report.get("rows") != t.rows:
        d.fail(run, "-", "-", "rows", report.get("rows"), t.rows, "table")
    overall = report.get("overall", {})
    got = tuple(overall.get(k) for k in ("true_positives", "false_positives", "true_negatives", "false_negatives"))
    if got != ref.overall_counts:
        d.fail(run, "overall", "-", "confusion counts", got, ref.overall_counts, "numpy")
    else:
        check_group(d, run, "overall", "-", overall, ref.overall, t.score is not None)
    names = [fe.name for fe in ref.features]
    got_names = [f.get("name") for f in report.get("features", [])]
    if got_names != names:
        d.fail(run, "-", "-", "feature names", got_names, names, "spec")
        return
    for fe, feature in zip(ref.features, report["features"]):
        for item in fe.self_check:
            d.fail(run, *item[:3], item[3], item[4], "reference self-check")
        groups = {tuple(g.get("values", [])): g for g in feature.get("groups", [])}
        if set(groups) != set(fe.groups):
            d.fail(run, fe.name, "-", "groups", f"extra {sorted(set(groups) - set(fe.groups))}",
                   f"missing {sorted(set(fe.groups) - set(groups))}", "pandas groupby / MetricFrame")
            continue
        for key, expected in fe.groups.items():
            check_group(d, run, fe.name, key, groups[key], expected, t.score is not None)
        metrics = feature.get("metrics", {})
        for metric, entry in fe.aggregates[method].items():
            if len(entry) == 3 and entry[0] != entry[2]:
                d.substituted += 1
            d.value(run, fe.name, "-", metric, metrics.get(metric), entry[0], entry[1])
        d.value(run, fe.name, "-", "between_all_groups_generalized_entropy_index",
                metrics.get("between_all_groups_generalized_entropy_index"), fe.between_all[alpha],
                "aif360 between_all_groups_generalized_entropy_index")
    column = t.reference[0]
    metrics = report["features"][names.index(column)].get("metrics", {})
    values = ref.reference_metrics[alpha]
    for metric in ("disparate_impact", "statistical_parity_difference", "average_odds_difference",
                   "between_group_generalized_entropy_index"):
        d.value(run, column, "-", metric, metrics.get(metric), values[metric], "aif360 " + metric)
    population = overall.get("metrics", {})
    for metric in ("generalized_entropy_index", "theil_index"):
        d.value(run, "overall", "-", metric, population.get(metric), values[metric], "aif360 " + metric)


def aif360_metric(protected, y, p, privileged_value=1.0):
    import pandas as pd
    from aif360.datasets import BinaryLabelDataset
    from aif360.metrics import ClassificationMetric

    frame = pd.DataFrame({"g": protected.astype(float), "y": y.astype(float)})
    truth = BinaryLabelDataset(df=frame, label_names=["y"], protected_attribute_names=["g"],
                               favorable_label=1.0, unfavorable_label=0.0)
    predicted = truth.copy()
    predicted.labels = p.astype(float).reshape(-1, 1)
    return ClassificationMetric(truth, predicted, unprivileged_groups=[{"g": 0.0}],
                                privileged_groups=[{"g": privileged_value}])


# ---------------------------------------------------------------------------------------------
# Driver.

def check_table(job) -> dict:
    """Generates table `index`, runs Rinri twice and compares; returns a summary (picklable)."""
    args, index, workdir = job
    t = generate(args.seed, index)
    path = Path(workdir) / f"table-{args.seed}-{index}.csv"
    write_csv(t, path)
    commands = [rinri_command(args.rinri, t, method, flag) for method, flag, _ in RUNS]
    processes = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for c in commands]
    d = Differences()
    # Computed while Rinri runs; fairlearn's aggregate functions themselves are called (and checked
    # against the MetricFrame's difference()/ratio()) on every fourth table, to keep the run short.
    ref = Reference(t, [m for m, _, _ in RUNS], [a for _, _, a in RUNS], check_functions=index % 4 == 0)
    for (method, _, alpha), process in zip(RUNS, processes):
        out, err = process.communicate()
        run = f"{method} alpha={alpha:g}"
        if process.returncode != 0:
            d.fail(run, "-", "-", f"exit code {process.returncode}", err.decode(errors="replace").strip()[-400:],
                   0, "rinri")
            continue
        try:
            report = strict_load(out.decode())
        except ValueError as error:
            d.fail(run, "-", "-", "JSON", str(error), "valid JSON", "rinri")
            continue
        check_run(d, ref, report, method, alpha)
    kept = None
    if d.items:
        failures = Path(args.failures)
        failures.mkdir(parents=True, exist_ok=True)
        kept = failures / path.name
        shutil.copyfile(path, kept)
    path.unlink()
    return {"index": index, "family": t.family, "rows": t.rows, "features": ["&".join(c) for c in t.features()],
            "commands": [[str(kept) if a == str(path) else a for a in c] for c in commands],
            "items": d.items, "checked": d.checked, "substituted": d.substituted, "kept": kept}


def _worker_init() -> None:
    import logging
    import warnings
    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)
    # Imported once per worker (AIF360 prints notes about optional packages on import).
    import contextlib
    import io
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        import aif360.metrics  # noqa: F401
        import fairlearn.metrics  # noqa: F401


def versions(rinri: str) -> str:
    import importlib.metadata as md
    parts = [f"python {sys.version.split()[0]}"]
    for name in ["fairlearn", "aif360", "scikit-learn", "pandas", "numpy", "scipy"]:
        parts.append(f"{name} {md.version(name)}")
    try:
        out = subprocess.run([rinri, "--version"], capture_output=True, text=True, timeout=30)
        rv = out.stdout.strip() if out.returncode == 0 and out.stdout.strip() else "?"
    except OSError:
        rv = "?"
    return f"rinri {rv} ({rinri}); " + ", ".join(parts)


def main() -> int:
    args = parse_args()
    args.rinri = str(Path(args.rinri).resolve())
    if not os.access(args.rinri, os.X_OK):
        print(f"error: {args.rinri} is not an executable", file=sys.stderr)
        return 2
    ensure_venv_and_reexec(args)

    import multiprocessing
    import tempfile

    start = time.monotonic()
    indices = [args.only] if args.only is not None else list(range(args.tables))
    passed = failed = checked = substituted = 0
    families_seen: dict[str, int] = {}
    jobs = max(1, min(args.jobs, len(indices)))
    with tempfile.TemporaryDirectory(prefix="rinri-crosscheck-") as tmp:
        work = [(args, index, tmp) for index in indices]
        if jobs == 1:
            _worker_init()
            results = map(check_table, work)
            pool = None
        else:
            pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_worker_init)
            results = pool.imap(check_table, work)
        for r in results:
            checked += r["checked"]
            substituted += r["substituted"]
            families_seen[r["family"]] = families_seen.get(r["family"], 0) + 1
            if not r["items"]:
                passed += 1
                continue
            failed += 1
            print(f"FAIL table {r['index']} (--seed {args.seed} --only {r['index']}; family {r['family']}, "
                  f"{r['rows']} rows; features {', '.join(r['features'])}); saved as {r['kept']}")
            for command in r["commands"]:
                print("  rinri command: " + " ".join(_quote(a) for a in command))
            for run, feature, group, metric, got, want, source in r["items"][: args.max_differences]:
                print(f"  [{run}] feature {feature} group {group} {metric}: rinri {got!r}, reference {want!r} "
                      f"({source})")
            if len(r["items"]) > args.max_differences:
                print(f"  … and {len(r['items']) - args.max_differences} more differences")
            sys.stdout.flush()
        if pool is not None:
            pool.close()
            pool.join()
    elapsed = time.monotonic() - start
    print(f"checked {checked} values in {len(indices)} tables "
          f"({', '.join(f'{k} {v}' for k, v in sorted(families_seen.items()))}) in {elapsed:.1f} s with {jobs} "
          f"job(s); {substituted} aggregates over groups with a 0/0 rate differed from fairlearn's "
          f"0-for-0/0 result and were compared with the recomputation")
    print("versions: " + versions(args.rinri))
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


def _quote(arg: str) -> str:
    import shlex
    return shlex.quote(arg)


if __name__ == "__main__":
    sys.exit(main())
