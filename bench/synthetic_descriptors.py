"""Synthetic face descriptors for bench/cluster, in the layout of ../shared/data/lfw-descriptors
(descriptors.f32: n x 128 little-endian float32; faces.csv: row,photo,identity,labelled).

Identities are Gaussian centres in 128-d; faces scatter around them. Scales are set so that distances look like
dlib's on LFW: faces of one person ~0.35-0.45 apart, centres of two people ~0.9 apart on average, a tail of
look-alikes closer than 0.6. Each face is its own photo. Sizes follow a Zipf-like law (many people with one or
two faces, a few with hundreds), as in photo collections.

    python3 bench/synthetic_descriptors.py OUT_FOLDER [FACES] [SEED]
"""
import csv
import os
import sys

import numpy as np

out, n, seed = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100_000, int(sys.argv[3]) if len(sys.argv) > 3 else 7
rng = np.random.default_rng(seed)
sizes = []
while sum(sizes) < n:
    size = int(rng.zipf(2.0))
    if size <= 500:   # redraw above 500 (a truncated law; clipping would pile people up at exactly 500)
        sizes.append(size)
sizes[-1] -= sum(sizes) - n
d = 128
centres = rng.normal(0, 0.9 / np.sqrt(2 * d), size=(len(sizes), d))
identity = np.repeat(np.arange(len(sizes)), sizes)
faces = centres[identity] + rng.normal(0, 0.4 / np.sqrt(2 * d), size=(n, d))
order = rng.permutation(n)   # faces arrive in no particular order
faces, identity = faces[order].astype("<f4"), identity[order]
os.makedirs(out, exist_ok=True)
faces.tofile(os.path.join(out, "descriptors.f32"))
with open(os.path.join(out, "faces.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["row", "photo", "identity", "labelled"])
    for i in range(n):
        w.writerow([i, f"photo{i}.jpg", f"person{identity[i]}", 1])
print(f"{n} faces of {len(sizes)} identities in {out}")
