"""Bounded uploads: a file over the limit is refused before any of it is read.

:class:`BoundedUploadHandler` is the first of ``FILE_UPLOAD_HANDLERS``: when a request's body
is larger than ``PARURE_UPLOAD_MAX_BYTES`` it skips every file in it (the other fields, the CSRF
token among them, are still read) and marks the request, so the page or API operation can say
why in a sentence (413 in the API). :func:`upload_bytes` then applies each import's own, smaller
limit from the file's declared size before reading it. A refusal never echoes the file.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest

from parure.core.errors import CoreErrorCode, DomainError


class UploadRefused(DomainError[CoreErrorCode]):
    """A file over its limit, refused before it is read (413 in the API)."""


def _megabytes(limit: int) -> str:
    size = limit / (1024 * 1024)
    return f"{size:.0f}" if size == int(size) else f"{size:.1f}"


def too_large_message(limit: int) -> str:
    return f"The file is larger than {_megabytes(limit)} MB; split it into smaller files."


class BoundedUploadHandler(FileUploadHandler):
    """Skips every file of a request whose body is over the site-wide upload limit."""

    def handle_raw_input(
        self, input_data: Any, META: Any, content_length: int, boundary: Any, encoding: str | None = None
    ) -> None:
        self.over_limit = content_length > settings.PARURE_UPLOAD_MAX_BYTES
        if self.over_limit and self.request is not None:
            self.request.parure_upload_too_large = True  # type: ignore[attr-defined]

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        if self.over_limit:
            raise SkipFile()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def request_too_large(request: HttpRequest) -> bool:
    """True when the request's files were skipped for being over the site-wide limit."""
    return bool(getattr(request, "parure_upload_too_large", False))


def upload_bytes(request: HttpRequest, upload: UploadedFile[Any] | None, *, limit: int) -> bytes | None:
    """The upload's content if it is within ``limit`` bytes; refused, unread, when it is not.

    None when no file was sent (and none was skipped for its size).
    """
    limit = min(limit, settings.PARURE_UPLOAD_MAX_BYTES)
    if request_too_large(request) or (upload is not None and (upload.size or 0) > limit):
        raise UploadRefused(too_large_message(limit), field="file", code=CoreErrorCode.UPLOAD_TOO_LARGE)
    if upload is None:
        return None
    return bytes(upload.read())
