"""LFW-sized descriptors for bench/cluster's timing at 13,233 faces (all of LFW's photos), from real ones:
the 8,040 dlib descriptors of ../shared/data/lfw-descriptors plus 5,193 new faces, each a random real face of an
identity moved by Gaussian noise of norm about 0.3 (a new photo of that person: faces of one person lie 0.3-0.5
apart in dlib's space). The new faces are written unlabelled, so scores cover the real faces only; the set is
for speed and memory at LFW's density, where synthetic descriptors are far sparser.

    python3 bench/lfw_13k.py LFW_DESCRIPTORS_FOLDER OUT_FOLDER [SEED]
"""
import csv
import os
import sys

import numpy as np

source, out = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
with open(os.path.join(source, "faces.csv"), newline="") as f:
    rows = list(csv.DictReader(f))
real = np.fromfile(os.path.join(source, "descriptors.f32"), dtype="<f4").reshape(len(rows), 128)
extra = 13_233 - len(rows)
labelled = [i for i, r in enumerate(rows) if r["labelled"] == "1"]
picks = rng.choice(labelled, size=extra)
noise = rng.normal(0, 0.3 / np.sqrt(128), size=(extra, 128))
faces = np.vstack([real, real[picks] + noise]).astype("<f4")
os.makedirs(out, exist_ok=True)
faces.tofile(os.path.join(out, "descriptors.f32"))
with open(os.path.join(out, "faces.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["row", "photo", "identity", "labelled"])
    for i, r in enumerate(rows):
        w.writerow([i, r["photo"], r["identity"], r["labelled"]])
    for k, p in enumerate(picks):
        w.writerow([len(rows) + k, f"new{k}.jpg", rows[p]["identity"], 0])
print(f"{len(faces)} faces ({extra} new) in {out}")
