"""scikit-learn on the same descriptors as face-network cluster-descriptors, for bench/cluster.

    python bench/reference_cluster.py FOLDER dbscan EPS MIN_SAMPLES
    python bench/reference_cluster.py FOLDER ahc LINKAGE THRESHOLD

Loads FOLDER/descriptors.f32 and faces.csv, times fit_predict only (loading excluded, as for face-network), and
prints JSON: faces, people (clusters of 2+ faces), seconds and BCubed precision/recall/F1 on the labelled faces
(clusters of one face count as unassigned, like face-network's minimum of two faces per person).
"""
import csv
import json
import os
import sys
import time
from collections import Counter, defaultdict

import numpy as np
from sklearn.cluster import DBSCAN, AgglomerativeClustering

folder, method = sys.argv[1], sys.argv[2]
X = np.fromfile(os.path.join(folder, "descriptors.f32"), dtype="<f4").reshape(-1, 128)
rows = list(csv.DictReader(open(os.path.join(folder, "faces.csv"))))
start = time.perf_counter()
if method == "dbscan":
    labels = DBSCAN(eps=float(sys.argv[3]), min_samples=int(sys.argv[4]), n_jobs=-1).fit_predict(X)
else:
    labels = AgglomerativeClustering(n_clusters=None, linkage=sys.argv[3], distance_threshold=float(sys.argv[4]),
                                     metric="euclidean").fit_predict(X)
seconds = time.perf_counter() - start
sizes = Counter(labels)
labels = [l if l >= 0 and sizes[l] >= 2 else -1 - i for i, l in enumerate(labels)]

labelled = [i for i, r in enumerate(rows) if r.get("labelled", "1") == "1"]
identity = {i: rows[i]["identity"] for i in labelled}
members, per_identity = defaultdict(list), Counter(identity.values())
for i in labelled:
    members[labels[i]].append(i)
p = r = 0.0
for group in members.values():
    counts = Counter(identity[i] for i in group)
    for i in group:
        p += counts[identity[i]] / len(group)
        r += counts[identity[i]] / per_identity[identity[i]]
p, r = p / len(labelled), r / len(labelled)
print(json.dumps({"faces": len(X), "people": sum(1 for c in sizes.values() if c >= 2), "seconds": seconds,
                  "precision": p, "recall": r, "f1": 2 * p * r / (p + r)}))
