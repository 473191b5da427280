"""Signing in: passwords, lockout, the second factor, idle expiry, signing out."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import Cast

PASSWORD = settings.PARURE_DEMO_PASSWORD


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def _forget_failures(device: TOTPDevice) -> None:
    """Let the throttle's wait pass, as a second would in real life."""
    device.refresh_from_db()
    device.throttle_reset()


def _sign_in(client: Client, username: str, password: str = PASSWORD) -> Any:
    return client.post("/sign-in/", {"username": username, "password": password})


def test_a_specialist_signs_in_and_reaches_my_day(cast: Cast) -> None:
    client = Client()
    response = _sign_in(client, "eleanor")
    assert response.status_code == 302 and response["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert b"My day" in home.content and b"Eleanor Whitcombe" in home.content


def test_a_wrong_password_is_refused_with_a_sentence(cast: Cast) -> None:
    response = _sign_in(Client(), "eleanor", "not-the-password")
    assert response.status_code == 200
    assert "That username and password do not match an active account." in response.content.decode()


def test_repeated_failures_lock_the_account_from_that_address(cast: Cast) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "eleanor", "wrong")
    response = _sign_in(client, "eleanor")  # even the right password, now
    assert response.status_code == 429
    assert "Too many failed sign-ins for this account from this address. Try again in 15 minutes" in (
        response.content.decode()
    )
    assert client.get("/").status_code == 302  # not signed in


def test_a_safe_next_is_followed_and_an_external_one_is_not(cast: Cast) -> None:
    response = Client().post("/sign-in/?next=/staff/", {"username": "eleanor", "password": PASSWORD, "next": "/staff/"})
    assert response["Location"] == "/staff/"
    response = Client().post(
        "/sign-in/", {"username": "eleanor", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_an_administrator_must_enrol_a_second_factor_before_anything_else(cast: Cast) -> None:
    client = Client()
    assert _sign_in(client, "simon")["Location"] == "/account/two-factor/"
    assert client.get("/")["Location"] == "/account/two-factor/"
    assert client.get("/access-log/")["Location"] == "/account/two-factor/"
    api = client.get("/api/v1/me")
    assert api.status_code == 403 and api.json()["code"] == "two_factor_required"

    page = client.get("/account/two-factor/")
    assert b"two-factor sign-in is required" in page.content
    device = TOTPDevice.objects.get(user=cast.administrator, confirmed=False)
    refused = client.post("/account/two-factor/", {"token": "000000" if _code(device) != "000000" else "111111"})
    assert "That code is not right or has expired" in refused.content.decode()
    throttled = client.post("/account/two-factor/", {"token": _code(device)})
    assert "Too many wrong codes. Wait 1 seconds" in throttled.content.decode()
    _forget_failures(device)
    assert client.post("/account/two-factor/", {"token": _code(device)})["Location"] == "/"
    assert client.get("/access-log/").status_code == 200


def test_someone_with_a_device_gives_a_code_at_sign_in(cast: Cast) -> None:
    device = TOTPDevice.objects.create(user=cast.finance, name="Phone", confirmed=True)
    client = Client()
    assert _sign_in(client, "priya")["Location"] == "/sign-in/code/"
    assert client.get("/")["Location"].startswith("/sign-in/")  # not signed in yet
    wrong = client.post("/sign-in/code/", {"token": "12345"})
    assert "That code is not right or has expired" in wrong.content.decode()
    _forget_failures(device)
    assert client.post("/sign-in/code/", {"token": _code(device)})["Location"] == "/"
    assert client.get("/").status_code == 200


def test_signing_out_ends_the_session(cast: Cast, client_for: Any) -> None:
    client = client_for(cast.senior)
    assert client.post("/sign-out/")["Location"] == "/sign-in/"
    assert client.get("/").status_code == 302


def test_sessions_expire_after_inactivity_and_activity_renews_them(cast: Cast, client_for: Any) -> None:
    from django.contrib.sessions.models import Session

    client = client_for(cast.senior)
    client.get("/")
    key = client.session.session_key
    first = Session.objects.get(session_key=key).expire_date
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert abs((first - timezone.now()).total_seconds() - 30 * 60) < 5

    client.get("/")  # within the minute: no write
    assert Session.objects.get(session_key=key).expire_date == first

    session = client.session
    session["_parure_renewed_at"] = int(time.time()) - 61  # a minute has passed since the last renewal
    session.save()
    before = Session.objects.get(session_key=key).expire_date
    time.sleep(1)
    client.get("/")
    assert Session.objects.get(session_key=key).expire_date > before

    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get("/")["Location"] == "/sign-in/?next=/"  # idle too long: signed out


def test_a_password_reset_mail_carries_a_working_link(cast: Cast, mailoutbox: list[Any]) -> None:
    client = Client()
    response = client.post("/password-reset/", {"email": "eleanor@parure.example"})
    assert response["Location"] == "/password-reset/sent/"
    assert len(mailoutbox) == 1 and mailoutbox[0].subject == "Parure: choose a new password"
    link = next(line for line in mailoutbox[0].body.splitlines() if "/password-reset/" in line)
    path = link.split("testserver", 1)[1]
    form = client.get(path, follow=True)
    assert b"Choose a new password" in form.content
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": "a-new-long-passphrase", "new_password2": "a-new-long-passphrase"}
    )
    assert done["Location"] == "/password-reset/complete/"
    assert _sign_in(Client(), "eleanor", "a-new-long-passphrase")["Location"] == "/"


@pytest.mark.parametrize("username", ["priya", "simon"])
def test_the_roles_that_must_use_two_factor(cast: Cast, username: str) -> None:
    assert cast[username].requires_two_factor
    assert not cast["eleanor"].requires_two_factor


def test_password_resets_are_limited_per_account_without_telling_whether_it_exists(
    cast: Cast, mailoutbox: list[Any]
) -> None:
    for attempt in range(5):
        response = Client().post(
            "/password-reset/", {"email": "eleanor@parure.example"}, REMOTE_ADDR=f"198.51.100.{attempt}"
        )
        assert response["Location"] == "/password-reset/sent/"
    # Three mails in the hour; the fourth and fifth requests answer the same but send nothing.
    assert len(mailoutbox) == 3


def test_password_resets_are_limited_per_connection(cast: Cast, mailoutbox: list[Any]) -> None:
    client = Client(REMOTE_ADDR="198.51.100.77")
    for number in range(10):
        assert client.post("/password-reset/", {"email": f"nobody{number}@example.org"}).status_code == 302
    response = client.post("/password-reset/", {"email": "eleanor@parure.example"})
    assert response.status_code == 429
    assert (
        "Too many reset requests have come from your connection; please try again in an hour."
        in response.content.decode()
    )
    assert mailoutbox == []


def test_a_short_or_common_password_is_refused(cast: Cast, client_for: Any) -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        validate_password("kevin12345", cast.senior)
    assert "This password is too short. It must contain at least 12 characters." in refused.value.messages
    with pytest.raises(ValidationError) as common:
        validate_password("password1234", cast.senior)
    assert "This password is too common." in common.value.messages
    validate_password("amethyst-loupe-window", cast.senior)


def test_rate_limits_are_counted_in_the_shared_database_cache(db: Any) -> None:
    from django.conf import settings as live
    from django.db import connection

    from parure.core import ratelimit

    assert live.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert [ratelimit.exceeded("test", "203.0.113.5", limit=2, window_seconds=60) for _ in range(3)] == [
        False,
        False,
        True,
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM parure_cache WHERE cache_key LIKE %s", ["%parure:rate:test:%"])
        assert cursor.fetchone()[0] == 1
