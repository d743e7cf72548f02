#!/usr/bin/env python3
"""Collections of other shapes, made from labelled photos or descriptors, for testing face-network's clustering.

Every command is seeded (--seed) and deterministic for a given input; it writes a folder that
`face-network cluster-descriptors` (descriptor shapes) or `face-network extract` (photo shapes) reads. People are
kept whole: an identity is never split between a kept and a dropped part.

A descriptor folder holds descriptors.f32 (n x 128 float32, little-endian, row-major) and faces.csv with at least
the columns row, photo, identity, labelled (as ../shared/data/lfw-descriptors; labelled = 1 for the face the
identity names, 0 for an unlabelled face, which is clustered but not scored).

Descriptor shapes
  split        one part of the identities: --letters A-E (first letter of the identity) or --half 0|1 of a seeded
               random halving of the sorted identities.
                   collection_shapes.py split lfw-descriptors lfw-AE --letters A-E
                   collection_shapes.py split lfw-descriptors lfw-r3h1 --half 1 --seed 3
  albums       small albums: --draws folders OUT/album-00, ... each made of whole identities (drawn in a seeded
               order, skipping one that would overshoot) until their faces reach a size drawn from
               [--min-faces, --max-faces].
  select       the rows whose COLUMN equals VALUE (e.g. `--where kind=original`: a copy collection's originals).
  combine      several folders into one; --prefix gives each folder's photos a prefix so that photo names of
               different folders never collide (two folders may hold the same file name).
  group-labels faces-labeled + group photos in one collection. A group photo's listed people (its labels CSV:
               image, identity) are given to its faces by the cheapest one-to-one assignment to the mean descriptor
               of each person's labelled faces in faces-labeled, accepted below --max-distance (0.55); the other
               group faces stay unlabelled (labelled = 0) but are clustered.
  copies       descriptor-level copies (a stress model): every photo gets k extra copies, k uniform in
               [--min-copies, --max-copies]; a copy face is the original's descriptor plus a residual drawn from a
               bank written by `residuals` (--residuals), or Gaussian noise of --sigma per dimension.

Photo shapes (input: a folder of photos with one folder per identity, e.g. ../shared/data/lfw-dev)
  copy-photos  every photo plus k copies (k uniform in [--min-copies, --max-copies]), each of one kind drawn from
               --kinds: reencode (JPEG quality 60-95), resize (50-90 % of each side, JPEG 75-95), crop (2-8 % off
               each side, JPEG 75-95), byte (an identical file: the tool stores it once). With --max-photos, only a
               seeded draw of whole identities with at most --max-per-identity photos each, up to --max-photos
               photos in total. Writes OUT/<identity>/<file> and OUT/copies.csv (path, original, identity, kind,
               parameter).
  thumbnails   the same selection, each photo scaled to a long side uniform in [--min-side, --max-side] px
               (JPEG 85). Writes OUT/thumbnails.csv.

From an extraction back to descriptors
  from-db      reads a FaceNetwork.sqlite written by `face-network extract FOLDER [--db DB]` and a truth CSV with
               columns path and identity (copies.csv, thumbnails.csv, a labels.csv; paths relative to the folder,
               optionally starting with the folder's own name) and writes descriptors.f32 + faces.csv. Byte copies
               are one photo in the database; the photo is named by its smallest path. The labelled face of a
               photo is the one whose box centre is nearest the photo centre (the lfw-descriptors convention);
               --all-labelled labels every face; photos missing from the truth are left out.
  residuals    copy minus original descriptor, per copy kind, for every copy face of a from-db copy collection
               matched to the nearest face of its original (below --max-distance): the bank `copies` draws from.

Python: numpy; Pillow for the photo shapes.
"""
import argparse
import csv
import os
import random
import shutil
import sqlite3
import sys
from collections import defaultdict

import numpy as np

PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png")


# ----------------------------------------------------------------------------------------------- descriptor folders
def read_folder(folder):
    """(descriptors n x 128 float32, faces.csv rows as dicts)."""
    X = np.fromfile(os.path.join(folder, "descriptors.f32"), dtype="<f4").reshape(-1, 128)
    with open(os.path.join(folder, "faces.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    if len(rows) != len(X):
        sys.exit(f"{folder}: {len(X)} descriptors but {len(rows)} rows in faces.csv")
    return X, rows


def write_folder(folder, X, rows):
    os.makedirs(folder, exist_ok=True)
    X = np.asarray(X, dtype="<f4").reshape(-1, 128)
    X.tofile(os.path.join(folder, "descriptors.f32"))
    fields = ["row"]
    for r in rows:
        fields += [k for k in r if k not in fields]
    if len(fields) == 1:
        fields += ["photo", "identity", "labelled"]
    with open(os.path.join(folder, "faces.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, restval="")
        w.writeheader()
        for i, r in enumerate(rows):
            w.writerow({**r, "row": i})


def faces_by(rows, column):
    out = defaultdict(list)
    for i, r in enumerate(rows):
        out[r[column]].append(i)
    return out


# --------------------------------------------------------------------------------------------- descriptor shapes
def cmd_split(a):
    X, rows = read_folder(a.input)
    names = sorted(faces_by(rows, "identity"))
    if a.letters:
        lo, _, hi = a.letters.upper().partition("-")
        hi = hi or lo
        keep = {n for n in names if lo <= n[:1].upper() <= hi}
    else:
        order = names[:]
        random.Random(a.seed).shuffle(order)
        middle = len(order) // 2
        keep = set(order[:middle] if a.half == 0 else order[middle:])
    idx = [i for i, r in enumerate(rows) if r["identity"] in keep]
    write_folder(a.output, X[idx], [rows[i] for i in idx])
    print(f"{a.output}: {len(idx)} faces, {len(keep)} identities")


def cmd_albums(a):
    X, rows = read_folder(a.input)
    by = faces_by(rows, "identity")
    names = sorted(by)
    rng = random.Random(a.seed)
    for d in range(a.draws):
        target = rng.randint(a.min_faces, a.max_faces)
        order = names[:]
        rng.shuffle(order)
        chosen, total = [], 0
        for n in order:
            if total + len(by[n]) > target:
                continue  # this person would overshoot: try the next one
            chosen.append(n)
            total += len(by[n])
            if total >= target:
                break
        idx = sorted(i for n in chosen for i in by[n])
        out = os.path.join(a.output, f"album-{d:02d}")
        write_folder(out, X[idx], [rows[i] for i in idx])
        print(f"{out}: {len(idx)} faces, {len(chosen)} identities (target {target})")


def cmd_select(a):
    X, rows = read_folder(a.input)
    column, _, value = a.where.partition("=")
    idx = [i for i, r in enumerate(rows) if r.get(column) == value]
    write_folder(a.output, X[idx], [rows[i] for i in idx])
    print(f"{a.output}: {len(idx)} of {len(rows)} faces with {column} = {value}")


def cmd_combine(a):
    prefixes = a.prefix or []
    if prefixes and len(prefixes) != len(a.inputs):
        sys.exit("combine: give one --prefix per input folder, or none")
    Xs, out = [], []
    for k, folder in enumerate(a.inputs):
        X, rows = read_folder(folder)
        p = prefixes[k] if prefixes else ""
        Xs.append(X)
        out += [dict(r, photo=p + r["photo"]) for r in rows]
    write_folder(a.output, np.concatenate(Xs), out)
    print(f"{a.output}: {len(out)} faces from {len(a.inputs)} folders")


def cheapest_assignment(cost):
    """Minimum-cost matching of every column to a distinct row (columns <= rows, few columns): dynamic
    programming over the rows and the set of columns used so far. Returns {row: column}."""
    rows, cols = cost.shape
    best = {0: (0.0, {})}  # used-columns mask -> (cost, assignment)
    for r in range(rows):
        nxt = dict(best)
        for mask, (c, assign) in best.items():
            for j in range(cols):
                if mask & (1 << j):
                    continue
                m, total = mask | (1 << j), c + cost[r, j]
                if m not in nxt or total < nxt[m][0]:
                    nxt[m] = (total, {**assign, r: j})
        best = nxt
    full = (1 << cols) - 1
    if full in best:
        return best[full][1]
    return min(best.values(), key=lambda v: (-len(v[1]), v[0]))[1]


def cmd_group_labels(a):
    Xl, rl = read_folder(a.labeled)
    Xg, rg = read_folder(a.groups)
    listed = defaultdict(list)
    with open(a.labels, newline="") as f:
        for r in csv.DictReader(f):
            listed[r["image"]].append(r["identity"])
    labelled = [i for i, r in enumerate(rl) if r.get("labelled", "1") == "1"]
    means = {}
    for name, idx in faces_by([rl[i] for i in labelled], "identity").items():
        means[name] = Xl[[labelled[i] for i in idx]].mean(0)
    out = [dict(r, photo=a.labeled_prefix + r["photo"]) for r in rl]
    group_rows = [dict(r, identity=f"unlabelled:{i}", labelled=0, photo=a.group_prefix + r["photo"])
                  for i, r in enumerate(rg)]
    given = 0
    for photo, faces in faces_by(rg, "photo").items():
        names = [n for n in dict.fromkeys(listed.get(os.path.basename(photo), [])) if n in means]
        if not names:
            continue
        cost = np.array([[float(np.linalg.norm(Xg[f] - means[n])) for n in names] for f in faces])
        for r, j in cheapest_assignment(cost).items():
            if cost[r, j] < a.max_distance:
                group_rows[faces[r]].update(identity=names[j], labelled=1)
                given += 1
    write_folder(a.output, np.concatenate([Xl, Xg]), out + group_rows)
    print(f"{a.output}: {len(rl)} labelled-set faces + {len(rg)} group faces ({given} given a listed person)")


def cmd_copies(a):
    X, rows = read_folder(a.input)
    rng = np.random.default_rng(a.seed)
    bank = None
    if a.residuals:
        z = np.load(a.residuals)
        bank = {k: z[k] for k in a.kinds.split(",") if k in z.files and len(z[k])}
        if not bank:
            sys.exit(f"{a.residuals}: no residuals of the kinds {a.kinds}")
    kinds = sorted(bank) if bank else ["gaussian"]
    outX, out = [X], [dict(r, copy_of="", kind="original") for r in rows]
    for photo, faces in sorted(faces_by(rows, "photo").items()):
        for c in range(int(rng.integers(a.min_copies, a.max_copies + 1))):
            kind = kinds[int(rng.integers(len(kinds)))]
            for i in faces:
                if bank:
                    noise = bank[kind][int(rng.integers(len(bank[kind])))]
                else:
                    noise = rng.normal(0.0, a.sigma, X.shape[1])
                outX.append((X[i] + noise)[None, :])
                out.append(dict(rows[i], photo=f"{photo}#copy{c + 1}-{kind}", copy_of=photo, kind=kind))
    write_folder(a.output, np.concatenate(outX), out)
    print(f"{a.output}: {len(out)} faces ({len(rows)} originals)")


def cmd_residuals(a):
    Xc, rc = read_folder(a.copies)
    Xo, ro = read_folder(a.originals)
    originals = faces_by(ro, "photo")
    bank = defaultdict(list)
    for i, r in enumerate(rc):
        if r.get("kind") in (None, "", "original") or r.get("original") not in originals:
            continue
        cands = originals[r["original"]]
        d = np.linalg.norm(Xo[cands] - Xc[i], axis=1)
        if d.min() < a.max_distance:
            bank[r["kind"]].append(Xc[i] - Xo[cands[int(d.argmin())]])
    np.savez(a.output, **{k: np.array(v) for k, v in bank.items()})
    print(a.output, {k: len(v) for k, v in bank.items()})


# -------------------------------------------------------------------------------------------------- photo shapes
def photos_by_identity(root):
    by = defaultdict(list)
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x != "Face Network")
        for f in files:
            if f.lower().endswith(PHOTO_EXTENSIONS):
                rel = os.path.relpath(os.path.join(d, f), root)
                ident = rel.split(os.sep)[0] if os.sep in rel else os.path.splitext(rel)[0]
                by[ident].append(rel)
    return {k: sorted(v) for k, v in by.items()}


def select_photos(a):
    """[(identity, relative path)]: every photo, or with --max-photos a seeded draw of whole identities."""
    by = photos_by_identity(a.input)
    names = sorted(by)
    if a.max_photos:
        order = names[:]
        random.Random(a.seed).shuffle(order)
        names, total = [], 0
        for n in order:
            if len(by[n]) <= a.max_per_identity and total + len(by[n]) <= a.max_photos:
                names.append(n)
                total += len(by[n])
        names.sort()
    return [(n, p) for n in names for p in by[n]]


def write_log(path, log):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["path", "original", "identity", "kind", "parameter"])
        w.writerows(log)


def cmd_copy_photos(a):
    from PIL import Image
    rng = random.Random(a.seed)
    kinds = a.kinds.split(",")
    photos = select_photos(a)
    log = []
    for ident, rel in photos:
        src = os.path.join(a.input, rel)
        stem, ext = os.path.splitext(rel)
        os.makedirs(os.path.dirname(os.path.join(a.output, rel)) or a.output, exist_ok=True)
        shutil.copyfile(src, os.path.join(a.output, rel))
        log.append((rel, rel, ident, "original", ""))
        for c in range(1, rng.randint(a.min_copies, a.max_copies) + 1):
            kind = rng.choice(kinds)
            name = f"{stem}_copy{c}_{kind}"
            img = Image.open(src)
            if kind == "byte":
                out, param = name + ext, ""
                shutil.copyfile(src, os.path.join(a.output, out))
                log.append((out, rel, ident, kind, param))
                continue
            if kind == "reencode":
                q = rng.randint(60, 95)
                param = f"q{q}"
            elif kind == "resize":
                f, q = rng.uniform(0.5, 0.9), rng.randint(75, 95)
                w, h = img.size
                img = img.convert("RGB").resize((max(1, round(w * f)), max(1, round(h * f))), Image.LANCZOS)
                param = f"f{f:.2f}_q{q}"
            elif kind == "crop":
                w, h = img.size
                left, top, right, bottom = (rng.uniform(0.02, 0.08) for _ in range(4))
                q = rng.randint(75, 95)
                img = img.crop((round(left * w), round(top * h), w - round(right * w), h - round(bottom * h)))
                param = f"crop{left:.2f},{top:.2f},{right:.2f},{bottom:.2f}_q{q}"
            else:
                sys.exit(f"copy-photos: unknown kind {kind}")
            out = name + ".jpg"
            img.convert("RGB").save(os.path.join(a.output, out), "JPEG", quality=q)
            log.append((out, rel, ident, kind, param))
    os.makedirs(a.output, exist_ok=True)
    write_log(os.path.join(a.output, "copies.csv"), log)
    print(f"{a.output}: {len(photos)} originals, {len(log) - len(photos)} copies")


def cmd_thumbnails(a):
    from PIL import Image
    rng = random.Random(a.seed)
    log = []
    for ident, rel in select_photos(a):
        img = Image.open(os.path.join(a.input, rel)).convert("RGB")
        side = rng.randint(a.min_side, a.max_side)
        w, h = img.size
        f = side / max(w, h)
        img = img.resize((max(1, round(w * f)), max(1, round(h * f))), Image.LANCZOS)
        out = os.path.splitext(rel)[0] + ".jpg"
        os.makedirs(os.path.dirname(os.path.join(a.output, out)) or a.output, exist_ok=True)
        img.save(os.path.join(a.output, out), "JPEG", quality=85)
        log.append((out, rel, ident, "thumbnail", str(side)))
    os.makedirs(a.output, exist_ok=True)
    write_log(os.path.join(a.output, "thumbnails.csv"), log)
    print(f"{a.output}: {len(log)} thumbnails")


# ------------------------------------------------------------------------------------------ extraction -> folder
def cmd_from_db(a):
    db = a.db or os.path.join(a.folder, "Face Network", "Data", "FaceNetwork.sqlite")
    own = os.path.basename(os.path.normpath(a.folder)) + "/"
    truth = {}
    with open(a.truth, newline="") as f:
        for r in csv.DictReader(f):
            path = r["path"][len(own):] if r["path"].startswith(own) else r["path"]
            truth[path] = r
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    query = """SELECT (SELECT MIN(path) FROM photo_paths WHERE photo_id = p.id), p.width, p.height,
                      f.face_index, f.box_left, f.box_top, f.box_right, f.box_bottom, f.descriptor
               FROM faces f JOIN photos p ON p.id = f.photo_id ORDER BY p.id, f.face_index"""
    by_photo = defaultdict(list)
    for row in con.execute(query):
        path = os.path.relpath(row[0], a.folder) if os.path.isabs(row[0]) else row[0]
        by_photo[path].append(row)
    X, rows, missing = [], [], 0
    for path in sorted(by_photo):
        t = truth.get(path)
        if t is None:
            missing += 1
            continue
        faces = by_photo[path]
        w, h = faces[0][1], faces[0][2]
        central = min(range(len(faces)), key=lambda k: ((faces[k][4] + faces[k][6]) / 2 - w / 2) ** 2
                      + ((faces[k][5] + faces[k][7]) / 2 - h / 2) ** 2)
        for k, fr in enumerate(faces):
            X.append(np.frombuffer(fr[8], dtype="<f4"))
            rows.append({"photo": path, "identity": t["identity"], "face": fr[3], "left": fr[4], "top": fr[5],
                         "right": fr[6], "bottom": fr[7], "width": w, "height": h,
                         "labelled": 1 if (a.all_labelled or k == central) else 0,
                         "original": t.get("original") or path, "kind": t.get("kind", "")})
    write_folder(a.output, np.array(X).reshape(-1, 128), rows)
    print(f"{a.output}: {len(rows)} faces from {len(by_photo) - missing} photos ({missing} photos not in the truth)")


# -------------------------------------------------------------------------------------------------------- command
def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)

    def command(name, func, help, *positional):
        s = sub.add_parser(name, help=help)
        for arg in positional:
            s.add_argument(arg)
        s.set_defaults(func=func)
        return s

    s = command("split", cmd_split, "one part of the identities", "input", "output")
    s.add_argument("--letters", help="first letters of the identity, e.g. A-E")
    s.add_argument("--half", type=int, choices=[0, 1], help="half of a seeded random halving")
    s.add_argument("--seed", type=int, default=0)

    s = command("albums", cmd_albums, "small albums of whole identities", "input", "output")
    s.add_argument("--min-faces", type=int, default=30)
    s.add_argument("--max-faces", type=int, default=300)
    s.add_argument("--draws", type=int, default=12)
    s.add_argument("--seed", type=int, default=0)

    s = command("select", cmd_select, "rows with COLUMN=VALUE", "input", "output")
    s.add_argument("--where", required=True, help="COLUMN=VALUE, e.g. kind=original")

    s = sub.add_parser("combine", help="several descriptor folders in one")
    s.add_argument("output")
    s.add_argument("inputs", nargs="+")
    s.add_argument("--prefix", action="append", help="photo-name prefix, once per input, in order")
    s.set_defaults(func=cmd_combine)

    s = command("group-labels", cmd_group_labels, "faces-labeled + group photos", "labeled", "groups", "labels",
                "output")
    s.add_argument("--max-distance", type=float, default=0.55)
    s.add_argument("--labeled-prefix", default="")
    s.add_argument("--group-prefix", default="group/")

    s = command("copies", cmd_copies, "descriptor-level copies", "input", "output")
    s.add_argument("--min-copies", type=int, default=1)
    s.add_argument("--max-copies", type=int, default=5)
    s.add_argument("--residuals", help=".npz bank written by `residuals`")
    s.add_argument("--kinds", default="reencode,resize,crop")
    s.add_argument("--sigma", type=float, default=0.003, help="Gaussian noise per dimension without a bank")
    s.add_argument("--seed", type=int, default=0)

    s = command("residuals", cmd_residuals, "copy - original residual bank", "copies", "originals", "output")
    s.add_argument("--max-distance", type=float, default=0.3)

    for name, func, help in (("copy-photos", cmd_copy_photos, "photos with re-encoded, resized, cropped copies"),
                             ("thumbnails", cmd_thumbnails, "photos scaled down to thumbnails")):
        s = command(name, func, help, "input", "output")
        s.add_argument("--max-photos", type=int, default=0, help="draw whole identities up to this many photos")
        s.add_argument("--max-per-identity", type=int, default=20)
        s.add_argument("--seed", type=int, default=0)
        if name == "copy-photos":
            s.add_argument("--min-copies", type=int, default=1)
            s.add_argument("--max-copies", type=int, default=5)
            s.add_argument("--kinds", default="reencode,resize,crop,byte")
        else:
            s.add_argument("--min-side", type=int, default=100)
            s.add_argument("--max-side", type=int, default=150)

    s = command("from-db", cmd_from_db, "extraction -> descriptors.f32 + faces.csv", "folder", "truth", "output")
    s.add_argument("--db", help="the database (default: FOLDER/Face Network/Data/FaceNetwork.sqlite)")
    s.add_argument("--all-labelled", action="store_true", help="label every face, not only the central one")

    a = p.parse_args()
    if a.cmd == "split" and not a.letters and a.half is None:
        p.error("split needs --letters or --half")
    a.func(a)


if __name__ == "__main__":
    main()
