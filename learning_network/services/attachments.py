"""Files with posts: checked by the platform's one upload check (cms_core.uploads), kept in the
private storage, at most PostAttachment.MAX_PER_POST per post."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from cms_core.privacy import find_personal_data
from cms_core.uploads import CheckedUpload, check_upload
from learning_network.models import Post, PostAttachment


def _no_bsn(texts: Iterable[tuple[str, str]]) -> None:
    """The rule of the discussion: a BSN is never shared, in a text or in a file."""
    for field, text in texts:
        if any(finding.kind == "bsn" for finding in find_personal_data(text)):
            raise ValidationError(
                {
                    field: _(
                        "This file (or its name) holds what looks like a citizen service number "
                        "(BSN). Never share one here."
                    )
                }
            )


def check_files(files: Sequence[UploadedFile]) -> list[CheckedUpload]:
    """Every file checked before anything is stored; ValidationError at `attachments` otherwise."""
    if len(files) > PostAttachment.MAX_PER_POST:
        raise ValidationError(
            {
                "attachments": _("Attach at most %(max)s files to one post.")
                % {"max": PostAttachment.MAX_PER_POST}
            }
        )
    return [check_upload(upload, privacy=_no_bsn, field="attachments") for upload in files]


def attach_files(post: Post, checked: Sequence[CheckedUpload]) -> list[PostAttachment]:
    """Store checked files with a post. If one cannot be stored, the ones stored before it are
    removed again and the error rises (the caller's transaction rolls the post back)."""
    stored: list[PostAttachment] = []
    try:
        for upload in checked:
            attachment = PostAttachment(
                post=post,
                original_name=upload.name,
                content_type=upload.content_type,
                size=upload.size,
                sha256=upload.sha256,
            )
            attachment.file.save(upload.name, upload.upload, save=False)
            stored.append(attachment)
            attachment.save()
    except Exception:
        for attachment in stored:
            attachment.file.delete(save=False)
        raise
    return stored
