"""Test settings: the same code paths as production, with overrides that only buy speed."""

from config.settings.base import *  # noqa: F403

# Fast hashing: password strength is not what the suite measures.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Mail stays in django.core.mail.outbox so tests can read verification links.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests must not depend on a collectstatic run.
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
# Tasks run inline so tests see their effects.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Media of one test run must not mix with the developer's.
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
# Private files of one test run must not mix with the developer's either.
STORAGES["private"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(BASE_DIR / "var" / "test-private"), "base_url": None},
}
