"""Checking uploaded files, for every place that takes them (cycle attachments in the workspaces,
attachments of posts in the learning networks).

A file is accepted by its extension from a short list, and only when its first bytes match that
kind (a renamed executable is refused); text files must be UTF-8 and their content goes through
the caller's privacy rule, like the file name. Files are kept in the private storage: never under
MEDIA_URL, served only by views that check access.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, storages
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Extension → (content type, magic bytes at the start of the file; None: plain text).
ATTACHMENT_TYPES: dict[str, tuple[str, bytes | None]] = {
    "pdf": ("application/pdf", b"%PDF-"),
    "png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    "jpg": ("image/jpeg", b"\xff\xd8\xff"),
    "jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04"),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        b"PK\x03\x04",
    ),
    "odt": ("application/vnd.oasis.opendocument.text", b"PK\x03\x04"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", b"PK\x03\x04"),
    "txt": ("text/plain", None),
    "csv": ("text/csv", None),
}
ALLOWED_EXTENSIONS = ", ".join(sorted({e for e in ATTACHMENT_TYPES if e != "jpeg"}))

# Refuses personal data in (field, text) pairs with a ValidationError keyed by field.
PrivacyRule = Callable[[Iterable[tuple[str, str]]], None]


@dataclass(frozen=True)
class CheckedUpload:
    """An accepted file: what to store about it beside the file itself."""

    upload: UploadedFile
    name: str  # as uploaded, without folders, at most 200 characters
    content_type: str
    size: int
    sha256: str


def private_storage() -> Storage:
    """Files that only their readers may see: never under MEDIA_URL, served by a view."""
    return storages["private"]


def check_upload(
    upload: UploadedFile, *, privacy: PrivacyRule, field: str = "file"
) -> CheckedUpload:
    """The file when it is acceptable; otherwise ValidationError at `field`, saying why."""
    name = (upload.name or "bestand").replace("\\", "/").rsplit("/", 1)[-1][:200]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ATTACHMENT_TYPES:
        raise ValidationError(
            {
                field: _("Files of this kind cannot be attached. Allowed: %(kinds)s.")
                % {"kinds": ALLOWED_EXTENSIONS}
            }
        )
    if not upload.size:
        raise ValidationError({field: _("The file is empty.")})
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            {field: _("The file is larger than 10 MB; make it smaller or split it up.")}
        )
    content_type, magic = ATTACHMENT_TYPES[extension]
    upload.seek(0)
    head = upload.read(8)
    if magic is not None and not head.startswith(magic):
        raise ValidationError(
            {
                field: _("The content of the file does not match its name (.%(ext)s).")
                % {"ext": extension}
            }
        )
    texts = [(field, name)]
    if magic is None:
        upload.seek(0)
        try:
            texts.append((field, upload.read().decode("utf-8-sig")))
        except UnicodeDecodeError as error:
            raise ValidationError({field: _("A text file must be saved as UTF-8.")}) from error
    privacy(texts)
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(
        upload=upload,
        name=name,
        content_type=content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
    )


def private_download(file: FieldFile, *, name: str, content_type: str) -> FileResponse:
    """A private file as the response to a reader the view has checked: always a download
    under its original name (never shown inline), never kept in a shared cache."""
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response
