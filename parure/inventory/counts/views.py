"""The count pages, under /inventory/counts/: thin views over the count services and queries."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, Q, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parure.core import policy
from parure.core.choices import Role
from parure.core.errors import DomainError, ErrorCode
from parure.core.jobs import job_start
from parure.core.models import Office, Staff
from parure.core.policy import acting_staff
from parure.core.uploads import upload_bytes
from parure.inventory.choices import LocationKind
from parure.inventory.counts import jobs as count_jobs
from parure.inventory.counts import queries, reports, services
from parure.inventory.counts.choices import (
    COUNTABLE_KINDS,
    RESOLUTIONS_OF_KIND,
    CountMode,
    CountScope,
    CountStatus,
    DiscrepancyKind,
    Resolution,
    ScanResult,
)
from parure.inventory.counts.models import CountDiscrepancy, CountSession
from parure.inventory.counts.reconcile import reconcile, shown
from parure.inventory.counts.scope import scope_places
from parure.inventory.errors import InventoryErrorCode
from parure.inventory.limits import COUNT_REASON_MAX
from parure.inventory.models import Item, Location
from parure.inventory.views.common import pdf_response

FEEDBACK_CLASS = {
    ScanResult.FOUND: "found",
    ScanResult.NOT_HERE: "not-here",
    ScanResult.UNKNOWN: "unknown",
    ScanResult.ALREADY: "already",
    ScanResult.MALFORMED: "refused",
    ScanResult.REFUSED: "refused",
}
COUNTING_ROLES = (Role.SPECIALIST_ASSISTANT, Role.SENIOR_SPECIALIST, Role.LOGISTICS, Role.AUDITOR)


def _staff(office: Office | None) -> Any:
    rows = Staff.objects.filter(is_active=True, role__in=COUNTING_ROLES).order_by("last_name", "first_name")
    return rows.filter(office=office) if office is not None else rows


def _place_label(place: Location) -> str:
    return f"{place.office.code} · {place.path} · {place.name}"


def _person_label(person: Staff) -> str:
    return f"{person} ({person.role_label}, {person.office.code if person.office else '—'})"


class StartForm(forms.Form):
    scope = forms.ChoiceField(choices=CountScope.choices, initial=CountScope.LOCATION, label="What to count")
    location = forms.ModelChoiceField(
        queryset=Location.objects.none(), required=False, label="Place (with everything inside it)"
    )
    office = forms.ModelChoiceField(queryset=Office.objects.order_by("name"), required=False, label="Office")
    mode = forms.ChoiceField(choices=CountMode.choices, initial=CountMode.BLIND, label="Kind of count")
    counter = forms.ModelChoiceField(queryset=Staff.objects.none(), label="Counter")
    witness = forms.ModelChoiceField(
        queryset=Staff.objects.none(),
        label="Witness",
        help_text="Someone independent of custody of the place: not the counter, not its custodian.",
    )

    def __init__(self, *args: Any, user: Staff, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        location_field = self.fields["location"]
        assert isinstance(location_field, forms.ModelChoiceField)
        # The places of the person's own office come first; then the other offices'.
        location_field.queryset = (
            Location.objects.select_related("office")
            .filter(kind__in=COUNTABLE_KINDS, is_active=True)
            .annotate(elsewhere=Case(When(office_id=user.office_id, then=Value(0)), default=Value(1)))
            .order_by("elsewhere", "office__code", "path")
        )
        location_field.label_from_instance = _place_label  # type: ignore[method-assign, assignment]
        counter = self.fields["counter"]
        assert isinstance(counter, forms.ModelChoiceField)
        counter.queryset = _staff(user.office).select_related("office")
        counter.label_from_instance = _person_label  # type: ignore[method-assign, assignment]
        # Only people who may witness: of the office counted (the person's own), and not the counter.
        witness = self.fields["witness"]
        assert isinstance(witness, forms.ModelChoiceField)
        witness.queryset = _staff(user.office).exclude(pk=user.pk).select_related("office")
        witness.label_from_instance = _person_label  # type: ignore[method-assign, assignment]


class WitnessForm(forms.Form):
    """The count's witness signs the close for reconciliation with their own credentials."""

    witness_username = forms.CharField(label="Witness's username", max_length=150)
    witness_password = forms.CharField(
        label="Witness's password", widget=forms.PasswordInput(attrs={"autocomplete": "off"}), strip=False
    )
    witness_otp = forms.CharField(
        label="Witness's authenticator code",
        required=False,
        max_length=12,
        help_text="Only if the witness uses two-factor sign-in.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _refusal_into_form(form: forms.Form, refusal: DomainError[ErrorCode]) -> None:
    field = refusal.field if refusal.field in form.fields else None
    form.add_error(field, refusal.message)


@policy.requires("inventory.view_counts")
@require_GET
def counts(request: HttpRequest) -> HttpResponse:
    """Every count, newest first; ``?place=`` gives the history of counts of one place."""
    place = None
    if request.GET.get("place", "").isdigit():
        place = get_object_or_404(Location.objects.select_related("office"), pk=int(request.GET["place"]))
    status = request.GET.get("status", "")
    status = status if status in CountStatus.values else ""
    page = Paginator(queries.sessions(location=place, status=status), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "inventory/counts/counts.html",
        {"page": page, "place": place, "status": status, "statuses": CountStatus.choices},
    )


@policy.requires("inventory.count_items")
@require_http_methods(["GET", "POST"])
def count_new(request: HttpRequest) -> HttpResponse:
    user = acting_staff(request)
    initial: dict[str, Any] = {"counter": user.pk, "office": user.office_id}
    if request.GET.get("place", "").isdigit():
        initial["location"] = int(request.GET["place"])
    form = StartForm(request.POST or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.count_start(
                scope=data["scope"],
                mode=data["mode"],
                counter=data["counter"],
                witness=data["witness"],
                by=user,
                location=data["location"],
                office=data["office"],
            )
        except DomainError as refusal:
            _refusal_into_form(form, refusal)
        else:
            # A blind count says nothing of what is expected until it is closed for reconciliation.
            expected = "a blind count" if session.is_blind_now else f"{session.expected_count} pieces expected"
            messages.success(request, f"{session.reference} started: {expected} in {session.scope_label}.")
            return redirect("inventory:count_session", session_id=session.pk)
    return render(request, "inventory/counts/new.html", {"form": form}, status=422 if form.errors else 200)


def _session_context(
    request: HttpRequest, session: CountSession, witness_form: WitnessForm | None = None
) -> dict[str, Any]:
    places = list(scope_places(session).select_related("office").order_by("office__code", "path")[:500])
    chosen = request.POST.get("place") or request.GET.get("place") or ""
    context: dict[str, Any] = {
        "session": session,
        "places": places,
        "place_id": int(chosen) if chosen.isdigit() else (session.location_id or (places[0].pk if places else None)),
        "recent": queries.recent_scans(session),
        "may_scan": session.is_open and request.user.has_perm("inventory.count_items"),
        "witness_form": witness_form or WitnessForm(initial={"witness_username": session.witness.username}),
    }
    if session.mode == CountMode.GUIDED and session.is_open:
        context["expected"] = queries.expected_rows(session)[:500]
    if not session.is_open:
        rows = list(queries.discrepancies(session))
        context["discrepancies"] = rows
        context["unsettled"] = sum(1 for row in rows if not row.is_settled)
        context["resolve_choices"] = {
            kind: [(value, Resolution(value).label) for value in values] for kind, values in RESOLUTIONS_OF_KIND.items()
        }
        context["found_places"] = list(
            scope_places(session).select_related("office").order_by("office__code", "path")[:500]
        )
        context["reason_max"] = COUNT_REASON_MAX
        context["escalate_to"] = Staff.objects.filter(is_active=True).order_by("last_name", "first_name")
        context["signed_by"] = [sign_off.staff_id for sign_off in session.sign_offs.all()]
    return context


@policy.requires("inventory.view_counts")
@require_GET
def count(request: HttpRequest, session_id: int) -> HttpResponse:
    session = queries.session(session_id)
    return render(request, "inventory/counts/session.html", _session_context(request, session))


def _place(request: HttpRequest) -> Location | None:
    chosen = request.POST.get("place", "")
    return Location.objects.filter(pk=int(chosen)).first() if chosen.isdigit() else None


@policy.requires("inventory.count_items")
@require_POST
def count_scan(request: HttpRequest, session_id: int) -> HttpResponse:
    """One code from the scan box: the feedback, the progress and the latest scans (an htmx fragment)."""
    session = get_object_or_404(CountSession, pk=session_id)
    code = request.POST.get("code", "")
    feedback: dict[str, Any] = {"code": code.strip().upper()[:40]}
    try:
        outcome = services.count_scan(session=session, code=code, by=acting_staff(request), place=_place(request))
    except services.ScanRefused as refusal:
        feedback.update(result=refusal.result, message=refusal.message)
    except DomainError as refusal:
        feedback.update(result=ScanResult.REFUSED, message=refusal.message)
    else:
        feedback.update(result=outcome.result, message=outcome.message)
    feedback["css"] = FEEDBACK_CLASS[feedback["result"]]
    if not request.htmx:  # type: ignore[attr-defined]
        level = messages.success if feedback["result"] == ScanResult.FOUND else messages.error
        level(request, feedback["message"])
        place = request.POST.get("place", "")
        suffix = f"?place={place}" if place.isdigit() else ""
        return redirect(reverse("inventory:count_session", kwargs={"session_id": session.pk}) + suffix)
    session = queries.session(session.pk)
    context = {"session": session, "feedback": feedback, "recent": queries.recent_scans(session)}
    # A refusal is feedback too: htmx swaps only 2xx answers, so it comes back as 200 with its result.
    return render(request, "inventory/counts/partials/scan_result.html", context)


@policy.requires("inventory.count_items")
@require_POST
def count_import(request: HttpRequest, session_id: int) -> HttpResponse:
    """A scanner's file: imported at once when small, as background work with progress when large."""
    session = queries.session(session_id)
    context = _session_context(request, session)
    place = _place(request)
    keep_good = request.POST.get("keep_good") == "1"
    try:
        # Refused from its size, before it is read, and never echoed back.
        upload = request.FILES.get("file")
        content = upload_bytes(request, upload, limit=services.IMPORT_MAX_BYTES)
        if upload is None or content is None:
            context["import_error"] = "Choose the scanner's export file (CSV or plain text)."
            return render(request, "inventory/counts/session.html", context, status=422)
        filename = upload.name or ""
        if len(content) > services.IMPORT_BACKGROUND_FROM_BYTES:
            job = job_start(
                kind=count_jobs.COUNT_IMPORT, by=acting_staff(request), filename=filename, upload=content,
                params={"session": session.pk, "place": place.pk if place else None, "keep_good": keep_good,
                        "back_url": reverse("inventory:count_session", kwargs={"session_id": session.pk})},
            )  # fmt: skip
            return redirect("core:job", job_id=job.pk)
        result = services.count_import(
            session=session,
            content=content,
            filename=filename,
            by=acting_staff(request),
            place=place,
            keep_good=keep_good,
        )
    except services.CountImportRefused as refusal:
        shown_lines = refusal.bad_lines[: services.IMPORT_LINES_SHOWN]
        more = len(refusal.bad_lines) - len(shown_lines)
        if more:
            shown_lines.append(f"… and {more} more line{'s' if more != 1 else ''}.")
        context.update(import_error=refusal.message, bad_lines=shown_lines)
        return render(request, "inventory/counts/session.html", context, status=422)
    except DomainError as refusal:
        context["import_error"] = refusal.message
        return render(request, "inventory/counts/session.html", context, status=refusal.status)
    messages.success(request, count_jobs.import_summary(result))
    return redirect("inventory:count_session", session_id=session.pk)


@policy.requires("inventory.count_items")
@require_POST
def count_finish(request: HttpRequest, session_id: int) -> HttpResponse:
    """The witness signs with their own password, and scanning ends for reconciliation."""
    session = queries.session(session_id)
    form = WitnessForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        by = acting_staff(request)
        try:
            witness = services.count_witness_confirm(
                session=session,
                username=data["witness_username"],
                password=data["witness_password"],
                otp_code=data["witness_otp"],
                by=by,
            )
            session = services.count_finish(session=session, by=by, witness=witness)
        except DomainError as refusal:
            _refusal_into_form(form, refusal)
        else:
            totals = session.summary
            messages.success(
                request,
                f"Scanning finished, witnessed by {session.witness}: {totals['found']} found in place, "
                f"{totals['misplaced']} misplaced, {totals['missing']} missing, {totals['moved']} moved out during "
                f"the count, {totals['unexpected']} unexpected.",
            )
            return redirect("inventory:count_session", session_id=session.pk)
    context = _session_context(request, session, witness_form=form)
    return render(request, "inventory/counts/session.html", context, status=422)


@policy.requires("inventory.resolve_count")
@require_POST
def count_resolve(request: HttpRequest, session_id: int, discrepancy_id: int) -> HttpResponse:
    discrepancy = get_object_or_404(CountDiscrepancy, pk=discrepancy_id, session_id=session_id)
    chosen = request.POST.get("escalate_to", "")
    escalate_to = Staff.objects.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    place = request.POST.get("found_at", "")
    found_at = Location.objects.filter(pk=int(place)).first() if place.isdigit() else None
    try:
        services.count_resolve(
            discrepancy=discrepancy,
            action=request.POST.get("action", ""),
            by=acting_staff(request),
            reason=request.POST.get("reason", ""),
            escalate_to=escalate_to,
            found_at=found_at,
        )
    except DomainError as refusal:
        messages.error(request, f"{discrepancy.code}: {refusal.message}")
    else:
        messages.success(request, f"{discrepancy.code} settled.")
    return redirect(reverse("inventory:count_session", kwargs={"session_id": session_id}) + f"#d{discrepancy.pk}")


@policy.requires("inventory.sign_off_count")
@require_POST
def count_sign_off(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_object_or_404(CountSession, pk=session_id)
    try:
        session = services.count_sign_off(session=session, by=acting_staff(request))
    except DomainError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            f"{session.reference} is closed." if session.is_closed else "Signed off; a second person must sign.",
        )
    return redirect("inventory:count_session", session_id=session.pk)


@policy.requires("inventory.view_counts")
@require_GET
def count_report_pdf(request: HttpRequest, session_id: int) -> HttpResponse:
    session = queries.session(session_id)
    return pdf_response(reports.count_report_pdf(session), f"count-{session.pk}.pdf")


@policy.requires("inventory.view_counts")
@require_GET
def count_report_xlsx(request: HttpRequest, session_id: int) -> HttpResponse:
    session = queries.session(session_id)
    response = HttpResponse(
        reports.count_report_xlsx(session),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="count-{session.pk}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


@policy.requires("inventory.view_counts")
@require_GET
def count_reconciliation(request: HttpRequest, session_id: int) -> HttpResponse:
    """The reconciliation as it stands now (while counting: a preview; the discrepancies are fixed at finish)."""
    session = queries.session(session_id)
    if session.is_blind_now:
        # Blind means blind: nothing of the expected set until the count is closed for reconciliation.
        return render(request, "inventory/counts/reconciliation.html", {"session": session, "blind": True})
    result = reconcile(session)
    overdue = Item.objects.with_place().filter(pk__in=result.overdue).order_by("due_back")
    return render(
        request,
        "inventory/counts/reconciliation.html",
        {
            "session": session,
            "result": result,
            "misplaced": shown(result.misplaced),
            "missing": shown(result.missing),
            "moved": shown(result.moved),
            "unexpected": shown(result.unexpected),
            "overdue": overdue,
            "kinds": DiscrepancyKind,
        },
    )


@policy.requires("inventory.view_counts")
@require_GET
def counts_due(request: HttpRequest) -> HttpResponse:
    office_code = request.GET.get("office", "")
    office = Office.objects.filter(code=office_code).first() if office_code else None
    rows = queries.due_places(office=office)
    every = queries.intervals()
    return render(
        request,
        "inventory/counts/due.html",
        {
            "rows": rows,
            "offices": Office.objects.order_by("name"),
            "office_code": office_code,
            "intervals": [(kind, LocationKind(kind).label, every[kind]) for kind in COUNTABLE_KINDS],
        },
    )


@policy.requires("inventory.manage_count_intervals")
@require_POST
def count_intervals(request: HttpRequest) -> HttpResponse:
    try:
        for kind in COUNTABLE_KINDS:
            value = request.POST.get(kind, "").strip()
            if value:
                if not value.isdigit():
                    raise services.CountError(
                        f"‘{value}’ is not a number of days.", field=kind, code=InventoryErrorCode.INVALID
                    )
                services.count_interval_set(kind=kind, days=int(value), by=acting_staff(request))
    except DomainError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, "Count intervals saved.")
    return redirect("inventory:counts_due")


@policy.requires("inventory.view_accountability")
@require_GET
def accountability(request: HttpRequest) -> HttpResponse:
    days_text = request.GET.get("days", "90")
    days = int(days_text) if days_text.isdigit() and 0 < int(days_text) <= 3650 else 90
    figures = queries.accountability(verify_days=days)
    rows = [
        {"figures": office, "by_kind": [office.by_kind.get(kind, 0) for kind, _ in figures.kinds]}
        for office in [*figures.offices, figures.department]
    ]
    recent = queries.sessions().filter(~Q(status=CountStatus.OPEN))[:10]
    return render(
        request,
        "inventory/counts/accountability.html",
        {"figures": figures, "rows": rows, "days": days, "recent": recent},
    )
