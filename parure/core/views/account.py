"""A person's own account: two-factor enrolment and verification, API tokens."""

from __future__ import annotations

import base64

import segno
from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from parure.core import policy
from parure.core.access_log import record_access
from parure.core.choices import AccessAction
from parure.core.models import ApiToken
from parure.core.policy import acting_staff
from parure.core.views.auth import SecondFactorForm, check_code


def _qr_data_uri(text: str) -> str:
    return str(segno.make(text, error="m").svg_data_uri(scale=5, dark="#1f2a24", border=2))


@policy.unverified_ok
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app, or verify one before going on."""
    user = request.user
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    form = SecondFactorForm(request.POST or None)
    if confirmed is not None:
        if user.is_verified():  # type: ignore[union-attr]
            return render(request, "core/two_factor.html", {"enrolled": True, "device": confirmed})
        if request.method == "POST" and form.is_valid():
            device, refusal = check_code(user, form.cleaned_data["token"])
            if device is not None:
                otp_login(request, device)
                return redirect("core:home")
            form.add_error("token", refusal)
        return render(request, "core/two_factor.html", {"verify": True, "form": form})

    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=False, defaults={"name": "Authenticator app"})
    if request.method == "POST" and form.is_valid():
        matched, refusal = check_code(user, form.cleaned_data["token"], device)
        if matched is not None:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, "Two-factor sign-in is on. You will be asked for a code at each sign-in.")
            return redirect("core:home")
        form.add_error("token", refusal)
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "core/two_factor.html",
        {
            "form": form,
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "qr": _qr_data_uri(device.config_url),
            "required": user.requires_two_factor,  # type: ignore[union-attr]
        },
    )


class TokenForm(forms.Form):
    name = forms.CharField(max_length=100, label="What is the token for?")


@policy.requires("core.manage_own_account")
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        token, new_secret = ApiToken.issue(staff=acting_staff(request), name=form.cleaned_data["name"])
        record_access(
            request, action=AccessAction.TOKEN, subject_kind="api_token", subject_ref=token.lead, detail="created"
        )
        form = TokenForm()
    tokens = ApiToken.objects.filter(staff=request.user.pk).order_by("revoked_at", "-created_at")
    return render(request, "core/api_tokens.html", {"form": form, "tokens": tokens, "new_secret": new_secret})


@policy.requires("core.manage_own_account")
@require_POST
def api_token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, staff=request.user.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record_access(
            request, action=AccessAction.TOKEN, subject_kind="api_token", subject_ref=token.lead, detail="revoked"
        )
        messages.success(request, f"The token ‘{token.name}’ is revoked; integrations using it will be refused.")
    return redirect("core:api_tokens")
