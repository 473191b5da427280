"""Design projects' pages: the list with its filters and fixed query count, opening a project, the project's
page with its chain and forms, refusals beside their field, and the money absent for logistics."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parure.services.projects import services
from parure.services.projects.choices import MilestoneKind
from parure.services.projects.models import DesignProject, ProjectFile
from tests.conftest import signed_in
from tests.services import projects_world as pw
from tests.services.test_projects_services import PNG

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(cast: Any) -> pw.ProjectWorld:
    return pw.world(cast)


def test_the_list_filters_by_status_and_designer_and_shows_the_current_milestone(w: pw.ProjectWorld, cast: Any) -> None:
    ring = pw.opened(w)
    services.milestone_complete(project=ring, milestone=MilestoneKind.CONSULTATION, by=w.senior)
    pendant = pw.opened(w, title="Pearl pendant", designer=w.assistant, metal="gold")
    services.project_hold(project=pendant, reason="Client abroad", by=w.senior)
    page = signed_in(cast.senior).get("/services/projects/")
    html = page.content.decode()
    assert page.status_code == 200
    assert f'id="project-{ring.number}"' in html and f'id="project-{pendant.number}"' not in html
    assert "Agreement and deposit" in html and "$24,000.00" in html
    held = signed_in(cast.senior).get("/services/projects/?status=on_hold").content.decode()
    assert pendant.number in held and ring.number not in held
    mine = signed_in(cast.senior).get(f"/services/projects/?status=all&designer={w.assistant.pk}").content.decode()
    assert pendant.number in mine and ring.number not in mine


def test_the_list_reads_a_fixed_number_of_queries(w: pw.ProjectWorld, cast: Any) -> None:
    client = signed_in(cast.auditor)
    client.get("/services/projects/")
    counts = []
    for extra in (1, 12):
        for n in range(extra):
            pw.opened(w, title=f"Commission {n}")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/services/projects/?status=all").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_opening_a_project_from_the_page(w: pw.ProjectWorld, cast: Any) -> None:
    client = signed_in(cast.assistant)
    form = {"client_number": w.client.number, "title": "Sapphire cocktail ring", "brief": "A Ceylon sapphire.",
            "designer": w.senior.pk, "metal": "gold", "budget": "18000", "included_revisions": "2"}  # fmt: skip
    refused = client.post("/services/projects/new/", {**form, "budget": "plenty"})
    assert refused.status_code == 422
    assert "The budget must be an amount such as 12500.00." in refused.content.decode()
    assert 'value="Sapphire cocktail ring"' in refused.content.decode()
    assert not DesignProject.objects.exists()
    response = client.post("/services/projects/new/", form)
    project = DesignProject.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/services/projects/{project.number}/"
    page = client.get(response["Location"]).content.decode()
    assert "Sapphire cocktail ring" in page and 'aria-current="step"' in page and "Complete: Consultation" not in page


def test_a_senior_walks_the_agreement_from_the_page(w: pw.ProjectWorld, cast: Any) -> None:
    project = pw.opened(w)
    client = signed_in(cast.senior)
    url = f"/services/projects/{project.number}/"
    assert client.post(url + "complete/", {"milestone": "consultation"}).status_code == 302
    valid = services.office_today(project.office).isoformat()
    assert client.post(url + "quote/", {"amount": "22000", "metal_basis": "Platinum at USD 965/oz",
                                        "valid_until": valid, "extra_revision_price": "350"}).status_code == 302  # fmt: skip
    quote = project.quotes.get()
    assert client.post(f"{url}quotes/{quote.pk}/accept/").status_code == 302
    suggested = client.get(url).content.decode()
    assert 'name="deposit" value="6600"' in suggested and 'name="balance" value="6600.00"' in suggested
    wrong = client.post(url + "schedule/", {"deposit": "6000", "stage": "8000", "balance": "6000"})
    assert wrong.status_code == 409
    assert (
        "The stages add up to $20,000.00, not the accepted $22,000.00; they must sum to the quote."
        in wrong.content.decode()
    )
    assert client.post(url + "schedule/", {"deposit": "6600", "stage": "8800", "balance": "6600"}).status_code == 302
    unsigned = client.post(url + "complete/", {"milestone": "agreement"})
    assert unsigned.status_code == 422
    assert "Agreement and deposit needs the client&#x27;s sign-off" in unsigned.content.decode()
    done = client.post(
        url + "complete/", {"milestone": "agreement", "signatory": "Helena Marchetti", "method": "signature"}
    )
    assert done.status_code == 302
    page = client.get(url).content.decode()
    deposit = project.stages.get(kind="deposit")
    assert f"<td>{deposit.invoice_number}</td>" in page and "Unpaid" in page
    assert "Signed off by Helena Marchetti (signed document)" in page
    early = client.post(url + "complete/", {"milestone": "sketches", "signatory": "H", "method": "email"})
    assert early.status_code == 409
    assert (
        f"Sketches cannot start until the deposit invoice {deposit.invoice_number} is paid in full."
        in early.content.decode()
    )


def test_a_file_is_attached_and_downloaded(w: pw.ProjectWorld, cast: Any, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    project = pw.opened(w)
    client = signed_in(cast.assistant)
    url = f"/services/projects/{project.number}/files/"
    bad = client.post(url, {"milestone": "consultation", "kind": "sketch",
                            "file": SimpleUploadedFile("notes.png", b"not an image")})  # fmt: skip
    assert bad.status_code == 422
    assert (
        "‘notes.png’ is not a PDF, JPEG, PNG, WebP, STL, 3DM, STEP or OBJ file by its content" in bad.content.decode()
    )
    ok = client.post(url, {"milestone": "consultation", "kind": "sketch", "file": SimpleUploadedFile("idea.png", PNG)})
    assert ok.status_code == 302
    row = ProjectFile.objects.get()
    download = signed_in(cast.logistics).get(f"{url}{row.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("role", "sees"),
    [("assistant", True), ("senior", True), ("finance", True), ("auditor", True), ("logistics", False)],
)
def test_the_budget_and_amounts_are_absent_for_logistics(w: pw.ProjectWorld, cast: Any, role: str, sees: bool) -> None:
    project = pw.agreed(w, pw.opened(w))
    viewer = getattr(cast, role)
    page = signed_in(viewer).get(f"/services/projects/{project.number}/").content.decode()
    listing = signed_in(viewer).get("/services/projects/").content.decode()
    for figure in ("$24,000.00", "$22,000.00", "$6,600.00", "$8,800.00"):
        assert (figure in page) is sees, figure
    assert ("$24,000.00" in listing) is sees
    assert project.number in listing


def test_my_day_lists_the_designers_projects_whose_milestone_is_due(w: pw.ProjectWorld, cast: Any) -> None:
    from datetime import timedelta

    from parure.services.projects.models import Milestone

    ring = pw.opened(w)
    later = pw.opened(w, title="Pearl pendant")
    pw.opened(w, title="Ruby brooch", designer=w.assistant)
    today = services.office_today(ring.office)
    Milestone.objects.filter(project=ring, position=1).update(due_on=today - timedelta(days=2))
    Milestone.objects.filter(project=later, position=1).update(due_on=today + timedelta(days=5))
    home = signed_in(cast.senior).get("/").content.decode()
    assert "Your design projects due" in home
    assert f"{ring.number} Emerald engagement ring" in home
    assert f"Consultation due {today - timedelta(days=2):%-d %b %Y}" in home
    assert later.number not in home and "Ruby brooch" not in home


def test_a_scanned_project_number_opens_the_project(w: pw.ProjectWorld, cast: Any) -> None:
    project = pw.opened(w)
    client = signed_in(cast.logistics)
    found = client.get("/scan/", {"code": project.number.lower()})
    assert found.status_code == 200 and "Emerald engagement ring" in found.content.decode()
    wrong = project.number[:-1] + str((int(project.number[-1]) + 1) % 10)
    refused = client.get("/scan/", {"code": wrong}).content.decode()
    assert f"{wrong} has a wrong check digit: check the number and type it again." in refused


def test_the_project_page_reads_a_fixed_number_of_queries_whatever_its_files_and_materials(
    w: pw.ProjectWorld, cast: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    project = pw.opened(w)
    client = signed_in(cast.senior)
    url = f"/services/projects/{project.number}/"
    client.get(url)
    counts = []
    for extra in (1, 8):
        for n in range(extra):
            services.material_to_source(project=project, kind="stone", description=f"Diamond baguette {n}",
                                        supplier="Rand Precision Cut", estimated_cost="400", by=w.assistant)  # fmt: skip
            services.file_attach(project=project, milestone="consultation", kind="sketch", filename=f"idea-{n}.png",
                                 content=PNG, by=w.assistant)  # fmt: skip
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
