"""Where photographs are kept and how pages reach them: the storage backend and its options come
from the environment; published images go through the permission-checking view unless a setting
makes them public."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from parure.catalogue import photo_queries
from parure.catalogue.models import ImageDerivative
from parure.env import env_json_object
from tests.catalogue.photo_world import upload

pytestmark = pytest.mark.django_db


def test_storage_options_are_one_json_object(monkeypatch: Any) -> None:
    monkeypatch.setenv("PARURE_STORAGE_OPTIONS", '{"bucket_name": "parure-files", "querystring_auth": true}')
    assert env_json_object("PARURE_STORAGE_OPTIONS") == {"bucket_name": "parure-files", "querystring_auth": True}
    monkeypatch.setenv("PARURE_STORAGE_OPTIONS", "   ")
    assert env_json_object("PARURE_STORAGE_OPTIONS") == {}
    monkeypatch.setenv("PARURE_STORAGE_OPTIONS", '["parure-files"]')
    with pytest.raises(ImproperlyConfigured, match="PARURE_STORAGE_OPTIONS must be a JSON object such as"):
        env_json_object("PARURE_STORAGE_OPTIONS")
    monkeypatch.setenv("PARURE_STORAGE_OPTIONS", "{bucket_name: parure}")
    with pytest.raises(ImproperlyConfigured, match="PARURE_STORAGE_OPTIONS must be a JSON object; it does not parse"):
        env_json_object("PARURE_STORAGE_OPTIONS")


def test_the_settings_build_the_default_storage_from_the_environment(tmp_path: Any) -> None:
    code = "import json; from django.conf import settings; print(json.dumps(settings.STORAGES['default']))"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "PARURE_STORAGE_BACKEND": "django.core.files.storage.InMemoryStorage",
        "PARURE_STORAGE_OPTIONS": '{"location": "photographs"}',
        "PARURE_VAR_DIR": str(tmp_path),
    }
    out = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == (
        '{"BACKEND": "django.core.files.storage.InMemoryStorage", "OPTIONS": {"location": "photographs"}}'
    )


def test_published_images_are_reached_through_the_view_unless_a_setting_says_otherwise(
    cast: Any, pieces: list[Any], settings: Any
) -> None:
    image = upload(pieces[0], cast.assistant, (400, 300))[0]
    web = ImageDerivative.objects.get(image=image, kind="web")
    assert photo_queries.image_url(web) == f"/catalogue/photography/images/{image.pk}/web.jpg"
    settings.PARURE_PUBLIC_IMAGES = True
    assert photo_queries.image_url(web) == f"/media/catalogue/derivatives/{image.pk}/" + web.file.name.rsplit("/", 1)[1]


def test_other_pages_find_each_pieces_primary_photograph_in_one_query(
    cast: Any, pieces: list[Any], django_assert_num_queries: Any
) -> None:
    ring, brooch, tiara = pieces
    first, second = upload(ring, cast.assistant, (400, 300), (300, 400), alt_text="The ring")
    (only,) = upload(brooch, cast.assistant, (500, 500))
    from parure.catalogue.services import photography as photo

    photo.image_set_primary(image=second, by=cast.assistant)
    with django_assert_num_queries(1):
        found = photo_queries.primary_images({ring.pk, brooch.pk, tiara.pk})
    assert found == {
        ring.pk: (f"/catalogue/photography/images/{second.pk}/thumbnail.jpg", "The ring"),
        brooch.pk: (f"/catalogue/photography/images/{only.pk}/thumbnail.jpg", ""),
    }
    assert first.pk != second.pk
