"""Danish first, English complete: every UI string is in the Danish catalogue, translated."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("assessments", "clinics", "consultations", "education", "interop", "pgp_clinic",
           "portal", "templates", "locale", "manage.py")


def msgfmt_statistics(po):
    result = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, str(po)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stderr.strip()


def test_the_danish_catalogue_is_complete():
    statistics = msgfmt_statistics(ROOT / "locale" / "da" / "LC_MESSAGES" / "django.po")
    assert "fuzzy" not in statistics and "untranslated" not in statistics, statistics


def test_the_danish_catalogue_holds_every_string_in_the_code(tmp_path):
    """makemessages over a copy of the sources adds nothing untranslated."""
    for name in SOURCES:
        source = ROOT / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy(source, target)
    env = {**os.environ, "DJANGO_DEBUG": "1"}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "da", "--no-obsolete", "-v0"],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    statistics = msgfmt_statistics(tmp_path / "locale" / "da" / "LC_MESSAGES" / "django.po")
    assert "fuzzy" not in statistics and "untranslated" not in statistics, statistics


@pytest.mark.parametrize(("english", "danish"), [
    ("Register patient", "Registrér patient"),
    ("Save and sign", "Gem og underskriv"),
    ("Pregnancies", "Graviditeter"),
])
def test_compiled_translations_are_used(english, danish):
    with translation.override("da"):
        assert translation.gettext(english) == danish
