"""Reference values for AnalysisTests.AgglomerativeTests and OPTICSTests, computed by scikit-learn.

Three small point sets (4-d, float32-exact values rounded to 3 decimals so that distances have no ties that
float32 and float64 would break differently): blobs of different densities, a chain, and uniform noise.
For each: AgglomerativeClustering(metric="euclidean", distance_threshold=t, n_clusters=None) labels for single,
complete and average linkage at two thresholds; OPTICS(min_samples, max_eps, cluster_method="dbscan", eps)
ordering_, reachability_, core_distances_ and labels_.

    python3 -m venv venv && venv/bin/pip install scikit-learn
    venv/bin/python Tests/Reference/clustering_algorithms_reference.py > Tests/AnalysisTests/clustering_algorithms_reference.json
"""
import json
import math

import numpy as np
from sklearn.cluster import OPTICS, AgglomerativeClustering


def point_sets():
    rng = np.random.default_rng(20261129)
    blobs = np.concatenate([rng.normal(c, s, size=(k, 4)) for c, s, k in
                            [((0, 0, 0, 0), 0.05, 12), ((1, 0, 0, 0), 0.12, 15), ((0, 1, 0.5, 0), 0.25, 10)]] +
                           [rng.uniform(-1, 2, size=(6, 4))])
    chain = np.array([[0.1 * i + 0.013 * (i % 3), 0.02 * (i % 5), 0, 0] for i in range(25)]) + \
        rng.normal(0, 0.01, size=(25, 4))
    noise = rng.uniform(0, 1, size=(40, 4))
    return {"blobs": blobs, "chain": chain, "noise": noise}


def finite(values):
    return [None if not math.isfinite(v) else float(v) for v in values]


out = []
for name, points in point_sets().items():
    points = np.round(points, 3).astype(np.float32).astype(np.float64)
    case = {"name": name, "points": points.tolist(), "ahc": [], "optics": []}
    for linkage in ["single", "complete", "average"]:
        for threshold in [0.15, 0.4]:
            labels = AgglomerativeClustering(n_clusters=None, distance_threshold=threshold, linkage=linkage,
                                             metric="euclidean").fit_predict(points)
            case["ahc"].append({"linkage": linkage, "threshold": threshold, "labels": labels.tolist()})
    for min_samples, max_eps, eps in [(3, 0.5, 0.15), (5, 0.6, 0.3), (2, 0.2, 0.1)]:
        o = OPTICS(min_samples=min_samples, max_eps=max_eps, cluster_method="dbscan", eps=eps).fit(points)
        case["optics"].append({"min_samples": min_samples, "max_eps": max_eps, "eps": eps,
                               "ordering": o.ordering_.tolist(), "reachability": finite(o.reachability_),
                               "core_distances": finite(o.core_distances_), "labels": o.labels_.tolist()})
    out.append(case)
print(json.dumps(out))
