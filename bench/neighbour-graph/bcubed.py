"""BCubed P/R/F1 of clustering B against clustering A (files: one cluster per line, row numbers); faces in no
cluster are singletons. Also: how many faces change people."""
import sys
n = int(sys.argv[3])
def labels(path):
    lab = list(range(n, 2 * n))
    for c, line in enumerate(open(path)):
        for r in line.split():
            lab[int(r)] = c
    return lab
a, b = labels(sys.argv[1]), labels(sys.argv[2])
from collections import Counter
ca, cb, cab = Counter(a), Counter(b), Counter(zip(a, b))
p = sum(cab[(a[i], b[i])] / cb[b[i]] for i in range(n)) / n
r = sum(cab[(a[i], b[i])] / ca[a[i]] for i in range(n)) / n
f = 2 * p * r / (p + r)
same = sum(1 for k, v in cab.items() if v == ca[k[0]] == cb[k[1]])
print(f"BCubed vs exact: P {p:.6f} R {r:.6f} F1 {f:.6f}; clusters A {len(set(a))} B {len(set(b))}, identical clusters {same}")
