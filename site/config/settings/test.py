"""Test settings: the same code paths as production, with overrides that only buy speed."""

import os
import secrets

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

# Presence lists go out at once: tests would otherwise wait a second (one test coalesces on purpose).
LEARNING_NETWORK_PRESENCE_INTERVAL = 0.0

# One Redis may serve several test runs at once (CI beside a developer's run, xdist workers).
# Each run gets its own key prefix, so broadcasts, rate-limit counters and cached sessions of one
# run never reach another, even where both runs' databases hand out the same ids.
_RUN_PREFIX = f"tsp-test-{os.getpid()}-{secrets.token_hex(4)}"
CACHES["default"]["KEY_PREFIX"] = _RUN_PREFIX
if "prefix" in CHANNEL_LAYERS["default"].get("CONFIG", {}):
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = _RUN_PREFIX
