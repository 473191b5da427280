"""The sales pages: the list of sales."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from parure.auctions import queries
from parure.core import policy


@policy.requires("auctions.view_sales")
@require_GET
def sales(request: HttpRequest) -> HttpResponse:
    """Every sale, newest first."""
    return render(request, "auctions/sales.html", {"sales": list(queries.sales())})


urlpatterns = [
    path("", sales, name="sales"),
]
