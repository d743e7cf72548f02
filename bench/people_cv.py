#!/usr/bin/env python3
"""People benchmark: face-network's default clustering, cross-validated by identity and run on every collection
shape, with the real binary (`face-network cluster-descriptors --json`). Normally started by bench/people.

1. Cross-validation. lfw-dev's identities are halved (A-E vs F-K by first letter; seeded random halves, seeds 1-3,
   h0/h1): 8 (choose, report) pairs. On every half (clustered alone) and on faces-labeled, a grid of density
   reference {0.55, 0.58, 0.61} x limit offset {0, +0.01, +0.02, +0.03} runs with K = 5 density neighbours, spread
   floor 0.35, copy radius 0.15 and the limits single 0.475 + offset, large 0.56 + offset at 8,000 items, moved
   0.015 per decade for the collection's own item count (read from a first default run; the limits are then given
   explicitly). Rule: on the choosing half, the best F1 among the settings with precision >= 0.98 there and
   faces-labeled precision >= 0.98 and F1 >= 0.96; the chosen setting is then scored on the other half.
2. Shapes. The shipped default, the previous default (no copy collapse, no density scaling, spread floor 0.3,
   limits 0.475 / 0.56 following the number of faces) and textbook baselines (average-linkage AHC at 0.5,
   Chinese whispers at 0.5) on lfw-dev, its halves, faces-labeled, faces-labeled + group photos, real copies (and
   the same photos without copies), thumbnails, originals + thumbnails and small albums.

Everything it needs is made from ../shared/data into the cache folder (photo shapes are extracted with the
binary) and reused on later runs. Prints markdown tables; writes every number to a JSON results file.
"""
import argparse
import csv
import json
import math
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHAPES = os.path.join(HERE, "collection_shapes.py")

# The study's constants (REFERENCE_N items, SMALLEST_N, 0.015 per decade).
PER_DECADE, REFERENCE_N, SMALLEST_N = 0.015, 8000, 500
BASE_SINGLE, BASE_LARGE = 0.475, 0.56
REFERENCES = (0.55, 0.58, 0.61)
OFFSETS = (0.0, 0.01, 0.02, 0.03)
SHIPPED = (0.58, 0.03)
RULE_P, RULE_FL_P, RULE_FL_F1 = 0.98, 0.98, 0.96

HALVES = [("lfw-A–E", ["--letters", "A-E"]), ("lfw-F–K", ["--letters", "F-K"])] + [
    (f"lfw-r{s}h{h}", ["--half", str(h), "--seed", str(s)]) for s in (1, 2, 3) for h in (0, 1)]
PAIRS = [("lfw-A–E", "lfw-F–K"), ("lfw-F–K", "lfw-A–E")] + [
    (f"lfw-r{s}h{a}", f"lfw-r{s}h{1 - a}") for s in (1, 2, 3) for a in (0, 1)]


def log(*msg):
    print(*msg, file=sys.stderr, flush=True)


def shift(n):
    return PER_DECADE * math.log10(REFERENCE_N / max(n, SMALLEST_N))


def count_rows(folder):
    with open(os.path.join(folder, "faces.csv"), newline="") as f:
        return sum(1 for _ in csv.DictReader(f))


# ------------------------------------------------------------------------------------------------------ the cache
class Cache:
    def __init__(self, a):
        self.a = a
        self.root = a.cache
        self.desc = os.path.join(self.root, "descriptors")
        self.photos = os.path.join(self.root, "photos")
        os.makedirs(self.desc, exist_ok=True)
        os.makedirs(self.photos, exist_ok=True)

    def d(self, name):
        return os.path.join(self.desc, name.replace("–", "-"))

    def have(self, name):
        return os.path.exists(os.path.join(self.d(name), "descriptors.f32"))

    def shapes(self, *args):
        subprocess.run([sys.executable, SHAPES, *args], check=True, stdout=sys.stderr)

    def mirror(self, src, name):
        """A writable copy of a shared photo folder (extraction writes face crops next to the photos)."""
        dst = os.path.join(self.photos, name)
        if not os.path.isdir(dst):
            tmp = dst + ".partial"
            shutil.rmtree(tmp, ignore_errors=True)
            shutil.copytree(src, tmp, ignore=shutil.ignore_patterns("Face Network", "*.csv", "*.md"))
            for d, _, files in os.walk(tmp):
                os.chmod(d, 0o755)
                for f in files:
                    os.chmod(os.path.join(d, f), 0o644)
            os.rename(tmp, dst)
        return dst

    def extract(self, folder):
        stamp = os.path.join(folder, ".bench-extracted")
        if os.path.exists(stamp):
            return
        log(f"people: extracting {folder} ({self.a.jobs} job(s))")
        t = time.time()
        subprocess.run([self.a.binary, "extract", folder, "--jobs", str(self.a.jobs), "--models", self.a.models],
                       check=True, stdout=sys.stderr, stderr=sys.stderr)
        with open(stamp, "w") as f:
            f.write(f"{time.time() - t:.1f} s\n")

    def prepare(self):
        data, t0 = self.a.data, time.time()
        lfw = self.d("lfw-dev")
        if not self.have("lfw-dev"):
            os.makedirs(lfw, exist_ok=True)
            for f in ("faces.csv", "descriptors.f32"):
                shutil.copyfile(os.path.join(data, "lfw-descriptors", f), os.path.join(lfw, f))
        for name, args in HALVES:
            if not self.have(name):
                self.shapes("split", lfw, self.d(name), *args)
        for src, seed, name in (("lfw-A–E", 6, "albums-A–E"), ("lfw-F–K", 5, "albums-F–K")):
            if not os.path.isdir(self.d(name)):
                self.shapes("albums", self.d(src), self.d(name) + ".partial", "--draws", "12", "--seed",
                            str(seed), "--min-faces", "30", "--max-faces", "300")
                os.rename(self.d(name) + ".partial", self.d(name))

        # faces-labeled: photos + labels.csv (one labelled face per photo: the central one).
        if not self.have("faces-labeled"):
            fl = self.mirror(os.path.join(data, "faces-labeled"), "faces-labeled")
            self.extract(fl)
            self.shapes("from-db", fl, os.path.join(data, "faces-labeled", "labels.csv"), self.d("faces-labeled"))
        # group photos: every face, labelled afterwards by assignment to the faces-labeled people.
        if not self.have("faces-labeled+group"):
            gp = self.mirror(os.path.join(data, "group-photos"), "group-photos")
            self.extract(gp)
            truth = os.path.join(self.photos, "group-photos.truth.csv")
            with open(truth, "w", newline="") as f:
                w = csv.writer(f)
                w.writerow(["path", "identity"])
                for p in sorted(os.listdir(gp)):
                    if os.path.isfile(os.path.join(gp, p)) and not p.startswith("."):
                        w.writerow([p, f"group:{p}"])
            self.shapes("from-db", gp, truth, self.d("group-photos"), "--all-labelled")
            self.shapes("group-labels", self.d("faces-labeled"), self.d("group-photos"),
                        os.path.join(data, "group-photos", "labels.csv"), self.d("faces-labeled+group"))
        # real copies: 900 lfw-dev photos of whole identities (<= 20 photos each), 1-5 copies each.
        selection = ["--max-photos", "900", "--max-per-identity", "20", "--seed", "1"]
        if not self.have("copies-originals"):
            cp = os.path.join(self.photos, "copies")
            if not os.path.exists(os.path.join(cp, "copies.csv")):
                shutil.rmtree(cp, ignore_errors=True)
                self.shapes("copy-photos", os.path.join(data, "lfw-dev"), cp, *selection,
                            "--min-copies", "1", "--max-copies", "5")
            self.extract(cp)
            self.shapes("from-db", cp, os.path.join(cp, "copies.csv"), self.d("copies"))
            self.shapes("select", self.d("copies"), self.d("copies-originals"), "--where", "kind=original")
        # thumbnails of the same 900 photos, alone and with their originals.
        if not self.have("originals+thumbnails"):
            th = os.path.join(self.photos, "thumbnails")
            if not os.path.exists(os.path.join(th, "thumbnails.csv")):
                shutil.rmtree(th, ignore_errors=True)
                self.shapes("thumbnails", os.path.join(data, "lfw-dev"), th, *selection)
            self.extract(th)
            self.shapes("from-db", th, os.path.join(th, "thumbnails.csv"), self.d("thumbnails"))
            self.shapes("combine", self.d("originals+thumbnails"), self.d("copies-originals"), self.d("thumbnails"),
                        "--prefix", "", "--prefix", "thumb/")
        log(f"people: cache ready in {time.time() - t0:.0f} s ({self.root})")


# ---------------------------------------------------------------------------------------------------- clustering
def cluster(a, folder, args):
    cmd = [a.binary, "cluster-descriptors", folder, "--json", *args]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    r = json.loads(out)
    s = r["scores"]
    return {"P": s["bcubedPrecision"], "R": s["bcubedRecall"], "F1": s["bcubedF1"], "faces": r["faces"],
            "items": r.get("items", r["faces"]), "people": r["people"], "seconds": r["seconds"],
            "labelled": s.get("faces"), "args": args}


def num(x):
    return f"{x:.6f}".rstrip("0").rstrip(".")


def grid_args(items, ref, off):
    sh = shift(items)
    return ["--density-reference", num(ref), "--density-neighbours", "5", "--spread-floor", "0.35",
            "--copy-radius", "0.15", "--face-threshold", num(BASE_SINGLE + off + sh),
            "--threshold", num(BASE_LARGE + off + sh)]


def previous_args(faces):
    sh = shift(faces)
    return ["--copy-radius", "0", "--density-neighbours", "0", "--spread-floor", "0.3",
            "--face-threshold", num(BASE_SINGLE + sh), "--threshold", num(BASE_LARGE + sh)]


CONFIGS = {
    "shipped default": lambda n: [],
    "previous default": previous_args,
    "ahc average 0.5": lambda n: ["--algorithm", "ahc", "--face-threshold", "0.5", "--threshold", "0.5",
                                  "--separation", "0", "--copy-radius", "0", "--density-neighbours", "0"],
    "chinese-whispers 0.5": lambda n: ["--algorithm", "chinese-whispers", "--threshold", "0.5"],
}


def key(ref, off):
    return f"{ref:.2f}/+{off:.2f}"


def run_grid(a, folder, name):
    base = cluster(a, folder, [])
    out = {"default": base, "grid": {}}
    for ref in REFERENCES:
        for off in OFFSETS:
            out["grid"][key(ref, off)] = cluster(a, folder, grid_args(base["items"], ref, off))
    g = out["grid"][key(*SHIPPED)]
    same = all(abs(g[m] - base[m]) < 1e-12 for m in ("P", "R", "F1"))
    log(f"people: grid {name}: {base['faces']} faces, {base['items']} items; default "
        f"P {base['P']:.4f} R {base['R']:.4f} F1 {base['F1']:.4f}; grid {key(*SHIPPED)} "
        f"{'equals' if same else 'DIFFERS from'} the default")
    out["shipped_equals_default"] = same
    return out


def cross_validation(a, cache):
    grids = {"faces-labeled": run_grid(a, cache.d("faces-labeled"), "faces-labeled")}
    for name, _ in HALVES:
        grids[name] = run_grid(a, cache.d(name), name)
    fl = grids["faces-labeled"]["grid"]
    rows = []
    for choose, report in PAIRS:
        g = grids[choose]["grid"]
        ok = [k for k in g if g[k]["P"] >= RULE_P and fl[k]["P"] >= RULE_FL_P and fl[k]["F1"] >= RULE_FL_F1]
        best = max(ok, key=lambda k: g[k]["F1"]) if ok else None
        rows.append({"choose": choose, "report": report, "chosen": best, "qualifying": ok,
                     "choose_scores": g[best] if best else None,
                     "report_scores": grids[report]["grid"][best] if best else None,
                     "shipped_chosen": best == key(*SHIPPED)})
    return grids, rows


def shapes(a, cache):
    sets = [("lfw-dev (all)", [cache.d("lfw-dev")])]
    sets += [(name, [cache.d(name)]) for name, _ in HALVES]
    sets += [("faces-labeled", [cache.d("faces-labeled")]),
             ("faces-labeled + group photos", [cache.d("faces-labeled+group")]),
             ("copies-real: originals only", [cache.d("copies-originals")]),
             ("copies-real: with 1–5 copies", [cache.d("copies")]),
             ("thumbnails 100–150 px", [cache.d("thumbnails")]),
             ("originals + their thumbnails", [cache.d("originals+thumbnails")])]
    for name in ("albums-A–E", "albums-F–K"):
        folders = sorted(os.path.join(cache.d(name), f) for f in os.listdir(cache.d(name)))
        sets.append((f"{name} (12 draws)", folders))
    res = {}
    for sname, folders in sets:
        res[sname] = {}
        for cname, make in CONFIGS.items():
            runs = [cluster(a, f, make(count_rows(f))) for f in folders]
            n = len(runs)
            res[sname][cname] = {
                "P": sum(r["P"] for r in runs) / n, "R": sum(r["R"] for r in runs) / n,
                "F1": sum(r["F1"] for r in runs) / n, "minP": min(r["P"] for r in runs),
                "faces": sum(r["faces"] for r in runs) / n, "minFaces": min(r["faces"] for r in runs),
                "maxFaces": max(r["faces"] for r in runs), "items": sum(r["items"] for r in runs) / n,
                "people": sum(r["people"] for r in runs) / n, "seconds": sum(r["seconds"] for r in runs),
                "draws": n, "runs": runs if n > 1 else runs[0]}
        if sname == "lfw-dev (all)":  # clustering time: median of 3 runs per configuration
            for cname, make in CONFIGS.items():
                times = sorted([res[sname][cname]["seconds"]] + [
                    cluster(a, folders[0], make(count_rows(folders[0])))["seconds"] for _ in range(2)])
                res[sname][cname]["seconds_median3"] = times[1]
        s = res[sname]["shipped default"]
        log(f"people: {sname}: shipped P {s['P']:.4f} R {s['R']:.4f} F1 {s['F1']:.4f}")
    return res


# --------------------------------------------------------------------------------------------------------- report
def fmt(s):
    return f"{s['P']:.4f} / {s['R']:.4f} / {s['F1']:.4f}"


def report(cv_rows, grids, sh, a, seconds):
    out = []
    p = out.append
    p("# People benchmark: face-network clustering (bench/people)\n")
    p(f"Binary: `{a.binary}`. BCubed precision / recall / F1 over labelled faces (unassigned faces count as their "
      "own cluster), as `cluster-descriptors --json` reports them.\n")
    if cv_rows:
        p("## Cross-validation by identity\n")
        p(f"Grid: density reference {{{', '.join(map(str, REFERENCES))}}} × limit offset "
          f"{{{', '.join(f'+{o:.2f}' for o in OFFSETS)}}}, K = 5, spread floor 0.35, copy radius 0.15; limits "
          f"{BASE_SINGLE} / {BASE_LARGE} + offset at 8,000 items, 0.015 per decade of the half's own item count. "
          f"Rule: best F1 on the choosing half among settings with P ≥ {RULE_P} there and faces-labeled "
          f"P ≥ {RULE_FL_P}, F1 ≥ {RULE_FL_F1}.\n")
        p("| choose on | its P / F1 | chosen (reference, offset) | report on | P | R | F1 |")
        p("|---|---|---|---|---:|---:|---:|")
        for r in cv_rows:
            if r["chosen"] is None:
                p(f"| {r['choose']} | — | none qualifies | {r['report']} | | | |")
                continue
            c, s = r["choose_scores"], r["report_scores"]
            ref, off = r["chosen"].split("/")
            p(f"| {r['choose']} | {c['P']:.4f} / {c['F1']:.4f} | {ref}, {off} | {r['report']} | {s['P']:.4f} | "
              f"{s['R']:.4f} | {s['F1']:.4f} |")
        picked = sum(r["shipped_chosen"] for r in cv_rows)
        p(f"\nThe shipped default ({SHIPPED[0]}, +{SHIPPED[1]:.2f}) is what the rule picks on "
          f"{picked} of {len(cv_rows)} choosing halves"
          + (": " + ", ".join(r["choose"] for r in cv_rows if r["shipped_chosen"]) if picked else "") + ".")
        same = [n for n, g in grids.items() if g["shipped_equals_default"]]
        p(f"The grid's ({SHIPPED[0]}, +{SHIPPED[1]:.2f}) reproduces the binary's default run exactly on {len(same)} of "
          f"{len(grids)} collections (halves and faces-labeled).")
        reps = [r["report_scores"] for r in cv_rows if r["report_scores"]]
        if reps:
            p(f"Reporting halves: mean P {sum(s['P'] for s in reps) / len(reps):.4f} (lowest "
              f"{min(s['P'] for s in reps):.4f}), mean F1 {sum(s['F1'] for s in reps) / len(reps):.4f} (lowest "
              f"{min(s['F1'] for s in reps):.4f}).")
        fl = grids["faces-labeled"]["grid"]
        p("\nThe grid on faces-labeled (P / F1; ✓ = meets the faces-labeled bar) and the mean over the 8 halves "
          "(P, lowest P, F1):\n")
        p("| reference, offset | faces-labeled P / F1 | halves mean P | lowest P | mean F1 |")
        p("|---|---|---:|---:|---:|")
        for ref in REFERENCES:
            for off in OFFSETS:
                k = key(ref, off)
                hs = [grids[n]["grid"][k] for n, _ in HALVES]
                ok = "✓" if fl[k]["P"] >= RULE_FL_P and fl[k]["F1"] >= RULE_FL_F1 else ""
                p(f"| {ref:.2f}, +{off:.2f} | {fl[k]['P']:.4f} / {fl[k]['F1']:.4f} {ok} | "
                  f"{sum(h['P'] for h in hs) / 8:.4f} | {min(h['P'] for h in hs):.4f} | "
                  f"{sum(h['F1'] for h in hs) / 8:.4f} |")
        p("")
    if sh:
        names = list(CONFIGS)
        p("## Collection shapes\n")
        p("Shipped = the binary's defaults; previous = `--copy-radius 0 --density-neighbours 0 --spread-floor 0.3` "
          "with limits 0.475 / 0.56 at 8,000 faces following the number of faces; ahc average 0.5 = textbook "
          "(`--face-threshold 0.5 --threshold 0.5 --separation 0 --copy-radius 0 --density-neighbours 0`); "
          "chinese-whispers 0.5. Albums: mean over the 12 draws, lowest precision in brackets.\n")
        p("Cells: P / R / F1.\n")
        p("| shape | faces | " + " | ".join(names) + " |")
        p("|---|---:|" + "---|" * len(names))
        for sname, by in sh.items():
            s0 = by[names[0]]
            faces = f"{s0['minFaces']:,}–{s0['maxFaces']:,}" if s0["draws"] > 1 else f"{round(s0['faces']):,}"
            cells = []
            for c in names:
                s = by[c]
                mp = f" ({s['minP']:.4f})" if s["draws"] > 1 else ""
                cells.append(f"{s['P']:.4f}{mp} / {s['R']:.4f} / {s['F1']:.4f}")
            p(f"| {sname} | {faces} | " + " | ".join(cells) + " |")
        with_c, without = sh.get("copies-real: with 1–5 copies"), sh.get("copies-real: originals only")
        if with_c and without:
            p("\nCopies: F1 with copies vs the same photos without copies (gap = without − with): "
              + "; ".join(f"{c} {with_c[c]['F1']:.4f} vs {without[c]['F1']:.4f} "
                          f"(gap {without[c]['F1'] - with_c[c]['F1']:+.4f})" for c in names) + ".")
        lfw = sh.get("lfw-dev (all)")
        if lfw:
            p("\nClustering time on lfw-dev (all 8,040 faces), as the binary reports it (reading excluded; median of "
              "3 runs): " + "; ".join(f"{c} {lfw[c]['seconds_median3']:.2f} s" for c in names)
              + f". Shipped default: {lfw['shipped default']['items']:,.0f} items, "
                f"{lfw['shipped default']['people']:,.0f} people.")
    p(f"\nRun time of this benchmark: {seconds / 60:.1f} min.")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repo", default=os.environ.get("FACE_NETWORK_REPO", os.path.dirname(HERE)),
                    help="the face-network repository (default: $FACE_NETWORK_REPO, else this script's parent)")
    ap.add_argument("--binary", help="default: REPO/.build/release/face-network")
    ap.add_argument("--models", help="dlib models for extraction (default: REPO/Models)")
    ap.add_argument("--data", help="shared data folder (default: REPO/../shared/data)")
    ap.add_argument("--cache", help="made collections and extractions (default: REPO/.cache/bench-people)")
    ap.add_argument("--results", help="JSON results file (default: CACHE/results.json)")
    ap.add_argument("--jobs", type=int, default=1, help="extraction worker threads (default 1)")
    ap.add_argument("--skip-cv", action="store_true", help="only the collection shapes")
    ap.add_argument("--skip-shapes", action="store_true", help="only the cross-validation")
    a = ap.parse_args()
    a.repo = os.path.abspath(a.repo)
    a.binary = a.binary or os.path.join(a.repo, ".build", "release", "face-network")
    a.models = a.models or os.path.join(a.repo, "Models")
    a.data = os.path.abspath(a.data or os.path.join(a.repo, "..", "shared", "data"))
    a.cache = os.path.abspath(a.cache or os.path.join(a.repo, ".cache", "bench-people"))
    a.results = a.results or os.path.join(a.cache, "results.json")
    if not os.access(a.binary, os.X_OK):
        sys.exit(f"people: no face-network binary at {a.binary} (run swift build -c release)")
    t0 = time.time()
    cache = Cache(a)
    cache.prepare()
    grids, cv_rows, sh = {}, [], {}
    if not a.skip_cv:
        grids, cv_rows = cross_validation(a, cache)
    if not a.skip_shapes:
        sh = shapes(a, cache)
    seconds = time.time() - t0
    with open(a.results, "w") as f:
        json.dump({"binary": a.binary, "seconds": seconds, "cross_validation": cv_rows, "grids": grids,
                   "shapes": sh}, f, indent=1, ensure_ascii=False)
    print(report(cv_rows, grids, sh, a, seconds), end="")
    log(f"people: results in {a.results}")


if __name__ == "__main__":
    main()
