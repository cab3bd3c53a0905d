"""Wagtail: site name, database search by default, PostgreSQL full-text search when available."""

from config.env import env

WAGTAIL_SITE_NAME = "Tweede Spoor Platform"
WAGTAILADMIN_BASE_URL = env("PLATFORM_BASE_URL", default="http://127.0.0.1:8000")
# The admin login goes through allauth, so its rate limits and MFA apply there too.
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAIL_I18N_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no third-party calls at run time
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILEMBEDS_FINDERS: list[dict[str, object]] = []  # no oEmbed look-ups elsewhere
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "pptx", "csv", "txt"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
