"""Photograph derivatives benchmark: Parure's derivatives against Pillow's own resize of the same files.

Run as ``.venv/bin/python bench/catalogue_images.py``. It draws 100 photographs in memory (JPEGs of
studio sizes, 2400–4000 px on the long edge, with noise so they compress like photographs, and
EXIF with a GPS position), then measures in the same run, over the same bytes:

- Parure: :func:`parure.catalogue.images.render_derivatives` — orientation applied, thumbnail
  (320 px), web (1600 px) and print (full size) JPEGs without metadata, what the background job
  stores for each upload;
- Pillow alone: for each file, ``Image.open``, ``convert("RGB")``, then ``resize`` to the same
  three sizes with LANCZOS from the original and ``save`` as JPEG at the same qualities — the
  plainest code that gives the same three files.

It prints the median of ``--rounds`` rounds (default 3) for each and the ratio (aim ≤ 1.5×).
``--images`` changes the count (default 100).
"""

from __future__ import annotations

import os
import sys

# bench/platform.py shadows the standard library's ``platform`` (which Django imports) when this
# folder stands first on the path, as it does for a script.
if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
    del sys.path[0]

import argparse
import random
import statistics
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

AIM = 1.5


def photographs(count: int, seed: int = 20261202) -> list[bytes]:
    """``count`` JPEGs of studio sizes with camera EXIF and a GPS position."""
    from PIL import Image

    generator = random.Random(seed)
    shots = []
    for index in range(count):
        long_edge = generator.choice([2400, 3000, 3600, 4000])
        size = (long_edge, long_edge * 2 // 3) if index % 3 else (long_edge * 3 // 4, long_edge)
        ground = Image.new("RGB", size, (generator.randrange(180, 250),) * 3)
        noise = Image.effect_noise(size, 40).convert("RGB")
        image = Image.blend(ground, noise, 0.25)
        exif = Image.Exif()
        exif[0x010F], exif[0x0131] = "Hasselblad", "Studio Capture 7"
        gps = exif.get_ifd(0x8825)
        gps[1], gps[2] = "N", (40.0, 45.0, 30.0)
        out = BytesIO()
        image.save(out, "JPEG", quality=90, exif=exif)
        shots.append(out.getvalue())
    return shots


def parure_derivatives(shots: list[bytes]) -> int:
    from parure.catalogue import images

    return sum(len(drawn.content) for content in shots for drawn in images.render_derivatives(content))


def pillow_resize(shots: list[bytes]) -> int:
    from PIL import Image

    from parure.catalogue.images import LONG_EDGE, QUALITY, fitted

    written = 0
    for content in shots:
        with Image.open(BytesIO(content)) as opened:
            image = opened.convert("RGB")
        for kind in ("print", "web", "thumbnail"):
            size = fitted(image.width, image.height, LONG_EDGE[kind])
            drawn = image if size == image.size else image.resize(size, Image.Resampling.LANCZOS)
            out = BytesIO()
            drawn.save(out, "JPEG", quality=QUALITY[kind])
            written += len(out.getvalue())
    return written


def timed(run: object, shots: list[bytes]) -> float:
    started = time.perf_counter()
    run(shots)  # type: ignore[operator]
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--images", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    import django

    django.setup()
    shots = photographs(options.images)
    megabytes = sum(len(shot) for shot in shots) / 1024 / 1024
    print(f"{len(shots)} photographs, {megabytes:.0f} MB of JPEG")
    ours, theirs = [], []
    for _ in range(options.rounds):
        # Alternated, so neither side has the warmer caches throughout.
        theirs.append(timed(pillow_resize, shots))
        ours.append(timed(parure_derivatives, shots))
    parure_s, pillow_s = statistics.median(ours), statistics.median(theirs)
    ratio = parure_s / pillow_s
    print(f"Parure derivatives (thumbnail, web, print, metadata stripped): {parure_s:.2f} s")
    print(f"Pillow's own resize of the same files, same three sizes:       {pillow_s:.2f} s")
    print(f"ratio {ratio:.2f}× (aim ≤ {AIM}×): {'met' if ratio <= AIM else 'NOT met'}")


if __name__ == "__main__":
    main()
