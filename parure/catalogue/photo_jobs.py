"""Photography's background work: the derivatives of uploaded photographs, and a sale's download
bundle when it is too large to build while the person waits.

Derivatives (:func:`parure.catalogue.images.render_derivatives`) are made for each photograph of
the job in turn, with progress; one that cannot be decoded is marked failed and the others go on.
A bundle is a zip of the web or print derivatives of the approved photographs of a shot list,
named ``<stock number>-<position>.jpg``; it is stored under the job and opened only by the person
who started it (and an administrator), through ``catalogue:photo_bundle_job``.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from typing import IO

from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse

from parure.catalogue import images as imaging
from parure.catalogue import photo_queries
from parure.catalogue.choices import DerivativeKind, ImageStatus
from parure.catalogue.models import ImageDerivative, PieceImage, ShotList
from parure.core import jobs
from parure.core.models import BackgroundJob, Staff

DERIVATIVES = "catalogue.image_derivatives"
BUNDLE = "catalogue.photo_bundle"
# Up to this many photographs a bundle is written while the person waits; more go to the background.
BUNDLE_IN_REQUEST = 40


def start_derivatives(*, images: list[PieceImage], by: Staff) -> BackgroundJob:
    """Queue the derivatives of these photographs (in the caller's transaction)."""
    return jobs.job_start(kind=DERIVATIVES, by=by, params={"images": [image.pk for image in images]})


def make_derivatives(image: PieceImage) -> list[ImageDerivative]:
    """Draw and store the image's thumbnail, web and print derivatives, replacing any it had."""
    with image.file.open("rb") as stored:
        content = stored.read()
    rendered = imaging.render_derivatives(content)
    with transaction.atomic():
        for old in ImageDerivative.objects.filter(image=image):
            if old.file.name:
                old.file.storage.delete(old.file.name)
            old.delete()
        made = []
        for drawn in rendered:
            derivative = ImageDerivative(
                image=image, kind=drawn.kind, width=drawn.width, height=drawn.height, bytes=len(drawn.content)
            )
            derivative.file.save(f"{drawn.kind}.jpg", ContentFile(drawn.content), save=False)
            derivative.save()
            made.append(derivative)
        PieceImage.objects.filter(pk=image.pk).update(status=ImageStatus.READY)
    return made


def _run_derivatives(job: BackgroundJob, progress: jobs.Progress) -> jobs.JobOutcome:
    ids = list(job.params.get("images", []))
    rows = {image.pk: image for image in PieceImage.objects.filter(pk__in=ids).select_related("item")}
    progress(0, len(ids), stage="Making thumbnails, web and print images")
    ready, failed = 0, []
    for done, image_id in enumerate(ids, start=1):
        image = rows.get(image_id)
        if image is not None:
            try:
                make_derivatives(image)
            except (OSError, ValueError, SyntaxError):
                PieceImage.objects.filter(pk=image.pk).update(status=ImageStatus.FAILED)
                failed.append(image.original_filename)
            else:
                ready += 1
        progress(done)
    summary = f"{ready} photograph{'s' if ready != 1 else ''} ready"
    if failed:
        summary += f"; {len(failed)} could not be read: " + ", ".join(failed)
    stock_number = next(iter(rows.values())).item.stock_number if rows else ""
    return jobs.JobOutcome(
        summary=summary + ".",
        result_url=reverse("catalogue:piece_images", args=[stock_number]) if stock_number else "",
        result={"ready": ready, "failed": failed},
    )


def bundle_path(job: BackgroundJob) -> str:
    return f"jobs/{job.pk}/bundle.zip"


def write_bundle(
    shot_list: ShotList, kind: str, out: IO[bytes], progress: Callable[[int], None] = lambda done: None
) -> list[str]:
    """Write the zip of the list's approved photographs (``kind``: web or print) to ``out``; its names."""
    members = photo_queries.bundle_members(shot_list, kind)
    names = []
    # The derivatives are JPEGs already: stored, not compressed again.
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        for done, (name, derivative) in enumerate(members, start=1):
            with derivative.file.open("rb") as stored:
                archive.writestr(name, stored.read())
            names.append(name)
            progress(done)
    return names


def _run_bundle(job: BackgroundJob, progress: jobs.Progress) -> jobs.JobOutcome:
    shot_list = ShotList.objects.get(pk=job.params["shot_list"])
    kind = job.params["kind"]
    total = len(photo_queries.bundle_members(shot_list, kind))
    progress(0, total, stage=f"Putting {total} photographs in the bundle")
    default_storage.delete(bundle_path(job))
    import tempfile

    with tempfile.TemporaryFile() as spool:
        names = write_bundle(shot_list, kind, spool, lambda done: progress(done))
        spool.seek(0)
        default_storage.save(bundle_path(job), File(spool))
    return jobs.JobOutcome(
        summary=f"{len(names)} {DerivativeKind(kind).label.split(' ')[0].lower()} photographs of {shot_list.name}, "
        "ready to download.",
        result_url=reverse("catalogue:photo_bundle_job", kwargs={"job_id": job.pk}),
        result={"photographs": len(names), "shot_list": shot_list.pk, "kind": kind},
    )


def start_bundle(*, shot_list: ShotList, kind: str, by: Staff) -> BackgroundJob:
    return jobs.job_start(kind=BUNDLE, by=by, params={"shot_list": shot_list.pk, "kind": kind})


def register() -> None:
    jobs.register(jobs.JobKind(DERIVATIVES, "Making a photograph's derivatives", _run_derivatives))
    jobs.register(jobs.JobKind(BUNDLE, "Building a sale's photograph bundle", _run_bundle))
