"""The repository layout promised in STYLE.md: site/ is a source folder, never the `site` package."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"


def test_site_folder_is_not_a_package() -> None:
    assert not (SITE / "__init__.py").exists()


def test_no_source_package_shadows_a_stdlib_module() -> None:
    packages = [p.name for p in SITE.iterdir() if (p / "__init__.py").exists()]
    packages += [p.name for p in ROOT.iterdir() if (p / "__init__.py").exists()]
    clashes = sorted(set(packages) & set(sys.stdlib_module_names))
    assert clashes == []


def test_stdlib_site_module_is_still_the_real_one() -> None:
    import site

    assert Path(site.__file__).parent != SITE
    assert hasattr(site, "getsitepackages")


def test_top_level_folders_are_the_fixed_set() -> None:
    for folder in [
        "site",
        "learning_network",
        "action_research",
        "evaluation",
        "templates",
        "tests",
    ]:
        assert (ROOT / folder).is_dir(), folder
    for file in ["manage.py", "pyproject.toml", "README.md", "Makefile", ".ci/run"]:
        assert (ROOT / file).is_file(), file


def test_entry_points_put_site_on_the_path() -> None:
    for entry in ["manage.py", "site/config/asgi.py", "site/config/wsgi.py"]:
        assert '"site"' in (ROOT / entry).read_text(), entry
