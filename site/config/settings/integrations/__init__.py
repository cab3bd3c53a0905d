"""Settings blocks for third-party packages, imported by base.py."""
