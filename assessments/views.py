"""The clinical rules page: docs/clinical-rules.md, the one source of the rules, as HTML."""

import re
from functools import cache

from django.conf import settings
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe
from markdown_it import MarkdownIt

RULES_FILE = settings.BASE_DIR / "docs" / "clinical-rules.md"


@cache
def rules_html() -> str:
    """The rules document rendered once per process. Raw HTML in the file is escaped, not
    passed through (html=False), so the page shows only what markdown produces."""
    markdown = MarkdownIt("commonmark", {"html": False}).enable("table")
    html = markdown.render(RULES_FILE.read_text(encoding="utf-8"))
    # An anchor per rule ("#R3"), so the panel's rule badges open the rule they name.
    html = re.sub(r"<h2>([A-Z]\d+) — ", r'<h2 id="\1">\1 — ', html)
    return html.replace("<table>", '<div class="table-responsive"><table class="table table-sm '
                        'table-bordered">').replace("</table>", "</table></div>")


@require_safe
def clinical_rules(request):
    return render(request, "assessments/clinical_rules.html", {
        "rules": mark_safe(rules_html()),  # noqa: S308 - our own file, raw HTML disabled
    })
