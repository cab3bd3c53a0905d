"""Shared CMS pieces: the Theme vocabulary, StreamField blocks, template tags, site-wide helpers."""
