"""Signing in (password, then a second factor where the person has one), and signing out."""

from __future__ import annotations

import time
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME, authenticate, get_user_model, login, logout
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.views import PasswordResetView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login

from parure.core import policy, ratelimit
from parure.core.access_log import client_address
from parure.core.backends import STAFF_BACKEND

PENDING_KEY = "_parure_pending_second_factor"
PENDING_SECONDS = 300


class SignInForm(forms.Form):
    username = forms.CharField(
        max_length=150, widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True})
    )
    password = forms.CharField(strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class SecondFactorForm(forms.Form):
    token = forms.CharField(
        label="Code from your authenticator app",
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


WRONG_CODE = "That code is not right or has expired; enter the code your app shows now."


def check_code(user: Any, token: str, device: Any = None) -> tuple[Any, str]:
    """Verify a one-time code against ``device`` (or any confirmed device of ``user``).

    Returns the matching device and "", or None with the sentence to show. After a wrong code the
    device makes people wait a little longer each time (django-otp's throttling).
    """
    candidates = [device] if device is not None else list(devices_for_user(user, confirmed=True))
    for candidate in candidates:
        allowed, data = candidate.verify_is_allowed()
        if not allowed:
            wait = (data or {}).get("locked_until")
            seconds = max(1, int((wait - timezone.now()).total_seconds()) + 1) if wait else 1
            return None, f"Too many wrong codes. Wait {seconds} seconds, then enter the code your app shows."
    token = token.replace(" ", "")
    for candidate in candidates:
        if candidate.verify_token(token):
            return candidate, ""
    return None, WRONG_CODE


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME) or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return str(settings.LOGIN_REDIRECT_URL)


@policy.public
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, username=form.cleaned_data["username"], password=form.cleaned_data["password"])
        if getattr(request, "axes_locked_out", False):
            return lockout_response(request, None, None)
        if user is None:
            form.add_error(None, "That username and password do not match an active account.")
        elif user_has_device(user, confirmed=True):
            request.session[PENDING_KEY] = {"user": user.pk, "since": time.time(), "next": _safe_next(request)}
            return redirect("core:sign_in_second_factor")
        else:
            login(request, user, backend=STAFF_BACKEND)
            if policy.needs_two_factor(user):
                return redirect("core:two_factor")
            return redirect(_safe_next(request))
    return render(request, "core/sign_in.html", {"form": form, "next": request.GET.get(REDIRECT_FIELD_NAME, "")})


@policy.public
@require_http_methods(["GET", "POST"])
def sign_in_second_factor(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["since"] > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return redirect("core:login")
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    if user is None:
        request.session.pop(PENDING_KEY, None)
        return redirect("core:login")
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, refusal = check_code(user, form.cleaned_data["token"])
        if device is None:
            form.add_error("token", refusal)
        else:
            request.session.pop(PENDING_KEY, None)
            login(request, user, backend=STAFF_BACKEND)
            otp_login(request, device)
            return redirect(pending["next"])
    return render(request, "core/sign_in_second_factor.html", {"form": form})


@policy.public
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("core:login")


def lockout_response(request: HttpRequest, response: Any, credentials: Any) -> HttpResponse:
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    refusal = (
        f"Too many failed sign-ins for this account from this address. Try again in {minutes} minutes, "
        "or ask an administrator to unlock it."
    )
    return render(request, "core/sign_in.html", {"form": SignInForm(), "refusal": refusal}, status=429)


class RateLimitedPasswordReset(PasswordResetView):
    """Password reset, limited per connection and per account so it cannot be used to flood mailboxes.

    Past the limit for a connection the page says so (429); past the limit for an address it
    answers as if the mail had gone, so the page never tells whether an account exists.
    """

    template_name = "core/password_reset.html"
    email_template_name = "core/email/password_reset.txt"
    subject_template_name = "core/email/password_reset_subject.txt"
    success_url = reverse_lazy("core:password_reset_done")

    PER_CONNECTION_PER_HOUR = 10
    PER_ACCOUNT_PER_HOUR = 3

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        address = client_address(self.request) or "unknown"
        if ratelimit.exceeded(
            "password-reset-connection", address, limit=self.PER_CONNECTION_PER_HOUR, window_seconds=3600
        ):
            form.add_error(None, "Too many reset requests have come from your connection; please try again in an hour.")
            return self.render_to_response(self.get_context_data(form=form), status=429)
        email = form.cleaned_data["email"].strip().lower()
        if ratelimit.exceeded("password-reset-account", email, limit=self.PER_ACCOUNT_PER_HOUR, window_seconds=3600):
            return redirect(self.get_success_url())
        return super().form_valid(form)
