"""The Python reference for bench/extract: face_recognition 1.3.0 with the same detector settings as face-network
(HOG, upsample 1, 5-point landmarks, jitter 0), over every JPEG/PNG under a folder, in N processes.

Prints one JSON line: {"photos": …, "faces": …, "seconds": …}. Timing starts after the processes have loaded
their models, as face-network's does not include building either.
"""
import json
import multiprocessing as mp
import os
import sys
import time


def init():
    global face_recognition
    import face_recognition  # noqa: F401  (loads dlib's models once per process)


def faces_in(path):
    try:
        image = face_recognition.load_image_file(path)
    except Exception:
        return 0
    locations = face_recognition.face_locations(image, number_of_times_to_upsample=1, model="hog")
    return len(face_recognition.face_encodings(image, locations, num_jitters=0, model="small"))


def main():
    folder, jobs = sys.argv[1], int(sys.argv[2])
    paths = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d != "Face Network"]
        paths += [os.path.join(root, f) for f in files if f.lower().endswith((".jpg", ".jpeg", ".png"))]
    paths.sort()
    with mp.Pool(jobs, initializer=init) as pool:
        pool.map(int, range(jobs))  # make sure every worker has started and loaded its models
        start = time.perf_counter()
        faces = sum(pool.imap(faces_in, paths, chunksize=8))
        seconds = time.perf_counter() - start
    print(json.dumps({"photos": len(paths), "faces": faces, "seconds": round(seconds, 2)}))


if __name__ == "__main__":
    main()
