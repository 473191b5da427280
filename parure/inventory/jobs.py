"""The inventory's background work: a consignment's tags when there are too many to draw while the
person waits (a sheet of 240 tags takes several seconds; bench/pdfs.py measures it).

The job draws the same PDF as the page does in the request (``pdf.item_tags`` and ``pdf.labels``),
keeps it in the file store under the job, and links to it; only the person who started it (and an
administrator) may open it, through ``inventory:job_tags``.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from parure.core import jobs
from parure.core.models import BackgroundJob
from parure.inventory import pdf, queries
from parure.inventory.models import LabelProfile

TAG_SHEET = "inventory.tag_sheet"
# Up to this many tags the sheet is drawn in the request (about a second on a busy machine);
# more go to the background with progress.
TAGS_IN_REQUEST = 60


def tags_path(job: BackgroundJob) -> str:
    return f"jobs/{job.pk}/tags.pdf"


def _run_tag_sheet(job: BackgroundJob, progress: jobs.Progress) -> jobs.JobOutcome:
    record = queries.consignment_by_number(job.params["consignment"])
    profile = LabelProfile.objects.get(pk=job.params["profile"])
    pieces = queries.consignment_pieces_to_tag(record)
    progress(0, len(pieces), stage="Drawing the codes")
    tags = []
    for done, piece in enumerate(pieces, start=1):
        tags.extend(pdf.item_tags([piece], profile))
        progress(done)
    progress(len(pieces), stage=f"Laying out {len(tags)} tags on {profile.name}")
    content = pdf.labels(tags, profile, f"Tags for {record.number}")
    default_storage.delete(tags_path(job))
    default_storage.save(tags_path(job), ContentFile(content))
    return jobs.JobOutcome(
        summary=f"{len(tags)} tags for {record.number} on {profile.name}, ready to print.",
        # Saved or opened, as the person asked when they pressed the button.
        result_url=reverse("inventory:job_tags", kwargs={"job_id": job.pk})
        + ("?download=1" if job.params.get("download") else ""),
        result={"tags": len(tags), "consignment": record.number, "profile": profile.pk},
    )


def register() -> None:
    jobs.register(jobs.JobKind(TAG_SHEET, "Drawing a consignment's tags", _run_tag_sheet))
