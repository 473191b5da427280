"""How long the printed documents take: the consignment receipt and a sheet of tags.

Run as ``.venv/bin/python bench/pdfs.py`` (``make bench``). Each measurement starts a fresh
process on a throwaway SQLite database (the documents read little from the database, so the
engine does not matter), takes in a consignment through the real services and times, in that
process, the first render (what the first person to print after a restart waits for: WeasyPrint's
import, font loading and the first layout) and then ``--runs`` later renders, of which it prints
the median. A third process warms WeasyPrint and the fonts first (``pdf.warm()``, as a web
process does at its start) and then times the receipt's first render. Documents: the receipt
for ``--pieces`` pieces (default 12), the tags for the same pieces on the US Letter sheet, and a
sheet for ``--many`` tags (default 240) to show how the cost grows. The tests never assert a
duration; this script prints them.
"""

from __future__ import annotations

import os
import sys

# bench/platform.py shares its name with the standard library's module: run as a script, this
# folder must not stand first on the path.
if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
    del sys.path[0]

import argparse
import json
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LETTER_SHEET = "US Letter sheet, 3 × 10 labels 66.7 × 25.4 mm"


def _child(first: str, pieces: int, many: int, runs: int) -> None:
    """In a fresh process: build the data, then time the first render of ``first`` and later renders."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from parure.core.demo import build_offices_and_staff
    from parure.core.models import Staff
    from parure.inventory import pdf
    from parure.inventory.models import Item, LabelProfile
    from parure.inventory.visibility import PieceViewer
    from tests.inventory import world

    call_command("migrate", verbosity=0)
    build_offices_and_staff(lambda line: None)
    senior = Staff.objects.get(username="eleanor")
    world.build_places(senior.office, Staff.objects.get(username="simon"))
    client = world.consignor()
    drafts = [world.piece(f"Sapphire and diamond ring {line}") for line in range(1, pieces + 1)]
    items = world.take_in(senior, client, *drafts)
    consignment = items[0].consignment
    assert consignment is not None
    receipt = consignment.receipts.get()
    viewer = PieceViewer(senior)
    sheet = LabelProfile.objects.get(name=LETTER_SHEET)
    tagged = list(Item.objects.filter(pk__in=[item.pk for item in items]).prefetch_related("components"))
    more = [world.piece(f"Pair of ear pendants {line}", components=("left", "right")) for line in range(many // 2)]
    crowd = list(
        Item.objects.filter(pk__in=[item.pk for item in world.take_in(senior, client, *more)]).prefetch_related(
            "components"
        )
    )

    documents = {
        "receipt": lambda: pdf.consignment_receipt(receipt, viewer),
        "tags": lambda: pdf.labels(pdf.item_tags(tagged, sheet), sheet, "Tags"),
        "many_tags": lambda: pdf.labels(pdf.item_tags(crowd, sheet), sheet, "Tags"),
    }
    timings: dict[str, float] = {}
    if first == "warmed":  # as a web process does at its start (parure/wsgi.py), before anyone prints
        started = time.perf_counter()
        pdf.warm()
        timings["warm"] = time.perf_counter() - started
        first = "receipt"
    started = time.perf_counter()
    documents[first]()
    timings["first"] = time.perf_counter() - started
    for name in (first, *(other for other in documents if other != first)):
        later = []
        for _ in range(runs):
            started = time.perf_counter()
            documents[name]()
            later.append(time.perf_counter() - started)
        timings[name] = statistics.median(later)
    print(json.dumps(timings))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--pieces", type=int, default=12)
    parser.add_argument("--many", type=int, default=240)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        _child(options.child, options.pieces, options.many, options.runs)
        return
    results = {}
    for first in ("receipt", "tags", "warmed"):
        var_dir = tempfile.mkdtemp(prefix="parure-bench-pdfs-")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "PARURE_VAR_DIR": var_dir,
            "PYTHONPATH": str(ROOT),
        }
        env.pop("DATABASE_URL", None)  # SQLite in the throwaway folder
        try:
            output = (
                subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--child",
                        first,
                        "--pieces",
                        str(options.pieces),
                        "--many",
                        str(options.many),
                        "--runs",
                        str(options.runs),
                    ],
                    env=env,
                    check=True,
                    stdout=subprocess.PIPE,
                    text=True,
                )
                .stdout.strip()
                .splitlines()[-1]
            )
        finally:
            shutil.rmtree(var_dir, ignore_errors=True)
        results[first] = json.loads(output)
    receipt, tags, warmed = results["receipt"], results["tags"], results["warmed"]
    print(f"Printed documents ({options.pieces} pieces; later renders: median of {options.runs})")
    print(f"  receipt, first in a fresh process   {receipt['first']:7.3f} s")
    print(f"  receipt, later                      {receipt['receipt']:7.3f} s")
    print(f"  receipt, first after warming fonts  {warmed['first']:7.3f} s   (warming: {warmed['warm']:.3f} s)")
    print(f"  tag sheet, first in a fresh process {tags['first']:7.3f} s")
    print(f"  tag sheet, later                    {tags['tags']:7.3f} s")
    print(f"  tag sheet for {options.many} tags, later    {tags['many_tags']:7.3f} s")


if __name__ == "__main__":
    main()
