"""Reference values for AnalysisTests.ClusteringScoresTests, computed independently of face-network.

ARI and NMI come from scikit-learn; pairwise precision/recall from scikit-learn's pair_confusion_matrix; BCubed
from a direct O(n^2) reading of its definition (Amigó et al. 2009). Unassigned faces (-1 here) are first given
clusters of their own, as face-network does.

    python3 -m venv venv && venv/bin/pip install scikit-learn
    venv/bin/python Tests/Reference/clustering_scores_reference.py > Tests/AnalysisTests/clustering_scores_reference.json
"""
import json
import random

from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
from sklearn.metrics.cluster import pair_confusion_matrix


def singletons(predicted):
    out, next_id = [], max(predicted + [0]) + 1
    for p in predicted:
        if p < 0:
            out.append(next_id)
            next_id += 1
        else:
            out.append(p)
    return out


def bcubed(truth, predicted):
    n = len(truth)
    precision = sum(sum(1 for j in range(n) if predicted[j] == predicted[i] and truth[j] == truth[i])
                    / sum(1 for j in range(n) if predicted[j] == predicted[i]) for i in range(n)) / n
    recall = sum(sum(1 for j in range(n) if predicted[j] == predicted[i] and truth[j] == truth[i])
                 / sum(1 for j in range(n) if truth[j] == truth[i]) for i in range(n)) / n
    return precision, recall


rng = random.Random(20261129)
cases = [
    {"truth": ["a", "a", "a", "b", "b", "c"], "predicted": [0, 0, 1, 1, 1, -1]},
    {"truth": ["a", "a", "b", "b"], "predicted": [0, 0, 1, 1]},
    {"truth": ["a", "a", "a", "a"], "predicted": [-1, -1, -1, -1]},
]
for size, identities, clusters in [(40, 6, 8), (200, 30, 25), (500, 120, 90)]:
    truth = [f"p{rng.randrange(identities)}" for _ in range(size)]
    # A noisy copy of the truth: mostly right, some merges, splits and unassigned faces.
    mapping = {}
    predicted = []
    for t in truth:
        r = rng.random()
        if r < 0.1:
            predicted.append(-1)
        elif r < 0.2:
            predicted.append(rng.randrange(clusters))
        else:
            predicted.append(mapping.setdefault(t, len(mapping) % clusters))
    cases.append({"truth": truth, "predicted": predicted})

for case in cases:
    truth, predicted = case["truth"], singletons(case["predicted"])
    (tn, fp), (fn, tp) = pair_confusion_matrix(truth, predicted)
    p, r = bcubed(truth, predicted)
    case.update({
        "bcubed_precision": p, "bcubed_recall": r,
        "pairwise_precision": float(tp / (tp + fp)) if tp + fp else 1.0,
        "pairwise_recall": float(tp / (tp + fn)) if tp + fn else 1.0,
        "adjusted_rand_index": float(adjusted_rand_score(truth, predicted)),
        "normalized_mutual_information": float(normalized_mutual_info_score(truth, predicted)),
    })
print(json.dumps(cases))
