"""Error pages in the house's layout, saying what happened in plain words."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else "Your role may not open this page."
    return render(request, "core/error.html", {"title": "Not for your role", "message": message}, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request, "core/error.html", {"title": "Not found", "message": "Nothing exists at this address."}, status=404
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {"title": "Something went wrong", "message": "The error has been logged. Try again, or tell an administrator."},
        status=500,
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {"title": "Bad request", "message": "The request could not be understood. Go back and try again."},
        status=400,
    )
