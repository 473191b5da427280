"""Billing pages: settlements."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
