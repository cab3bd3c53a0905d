"""The environment reader shared by all settings modules (django-environ)."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parents[2]
SITE_DIR = BASE_DIR / "site"

env = environ.Env()
# A local .env file is optional; production gets its settings from the real environment.
if (BASE_DIR / ".env").is_file():
    env.read_env(str(BASE_DIR / ".env"))
