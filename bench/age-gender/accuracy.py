#!/usr/bin/env python3
"""Gender accuracy and the age distribution of `extract --age-gender` on LFW photos with gender labels.

    accuracy.py FACES_CSV GENDER_CSV [LIST]

FACES_CSV is `face-network export PHOTOS faces` of a store extracted with --age-gender (photo, face, left, top,
right, bottom, person, age, gender); GENDER_CSV is ../shared/data/lfw-dev-gender.csv (path, gender); LIST, when
given, the photos extracted (one relative path a line, as `find` prints them), so only their labels count. LFW labels the
photo's central face, so each photo's face nearest the centre of its 250 × 250 image is the labelled one; a photo
where no face was detected counts as a miss for its class. A face is called female when p(female) >= 0.5.

Prints per-class accuracy (the labels are 80 % male, so overall accuracy alone says little), balanced accuracy,
the confusion counts, and the distribution of apparent ages with two checks of plausibility: the young actors of
lfw-dev (Daniel Radcliffe and Emma Watson, aged about 11–15 in LFW's news photos of the early 2000s) against all photos.
"""
import csv
import statistics
import sys

LFW_CENTRE = 125.0
CHILDREN = ("Daniel_Radcliffe/", "Emma_Watson/")


def central_faces(faces_csv):
    best = {}
    with open(faces_csv, newline="") as handle:
        for row in csv.DictReader(handle):
            if row["age"] == "" or row["gender"] == "":
                continue
            x = (float(row["left"]) + float(row["right"])) / 2
            y = (float(row["top"]) + float(row["bottom"])) / 2
            d = (x - LFW_CENTRE) ** 2 + (y - LFW_CENTRE) ** 2
            if row["photo"] not in best or d < best[row["photo"]][0]:
                best[row["photo"]] = (d, float(row["age"]), float(row["gender"]))
    return {photo: (age, gender) for photo, (_, age, gender) in best.items()}


def main():
    faces = central_faces(sys.argv[1])
    with open(sys.argv[2], newline="") as handle:
        labels = {row["path"]: row["gender"] for row in csv.DictReader(handle)}
    if len(sys.argv) > 3:
        with open(sys.argv[3]) as handle:
            extracted = {line.strip().removeprefix("./") for line in handle if line.strip()}
        labels = {path: label for path, label in labels.items() if path in extracted}
    counts = {c: {"right": 0, "wrong": 0, "missed": 0} for c in ("male", "female")}
    for path, truth in labels.items():
        if path not in faces:
            counts[truth]["missed"] += 1
            continue
        said = "female" if faces[path][1] >= 0.5 else "male"
        counts[truth]["right" if said == truth else "wrong"] += 1
    per_class = {}
    for label, c in counts.items():
        total = c["right"] + c["wrong"] + c["missed"]
        per_class[label] = c["right"] / total
        print(f"gender {label:6}: {c['right']}/{total} right ({100 * per_class[label]:.1f} %), {c['wrong']} called "
              f"{'female' if label == 'male' else 'male'}, {c['missed']} without a detected face")
    detected = {l: counts[l]["right"] + counts[l]["wrong"] for l in counts}
    print(f"gender balanced accuracy: {100 * (per_class['male'] + per_class['female']) / 2:.1f} % of labelled photos; "
          f"on photos with a face: male {100 * counts['male']['right'] / detected['male']:.1f} %, "
          f"female {100 * counts['female']['right'] / detected['female']:.1f} %")
    ages = sorted(age for age, _ in faces.values())
    q = statistics.quantiles(ages, n=10)
    print(f"apparent age over {len(ages)} photos: median {statistics.median(ages):.1f}, deciles "
          + ", ".join(f"{v:.0f}" for v in q) + f", min {ages[0]:.1f}, max {ages[-1]:.1f}")
    young = [age for path, (age, _) in faces.items() if path.startswith(CHILDREN)]
    if young:
        print(f"apparent age of the young actors ({len(young)} photos of Daniel Radcliffe and Emma Watson, about 11–15 then): "
              f"median {statistics.median(young):.1f} against {statistics.median(ages):.1f} for all")


if __name__ == "__main__":
    main()
