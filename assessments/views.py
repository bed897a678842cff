"""The clinical rules page (docs/clinical-rules.md, the one source of the rules, as HTML) and
the clinic's licensed PGQ wording, which a clinic administrator loads from a file she holds."""

import re
from functools import cache

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from markdown_it import MarkdownIt

from clinics.permissions import Action, may

from .forms import PgqWordingForm
from .models import PgqWording

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
        "rules": mark_safe(rules_html()),  # nosec B308 B703 - our own file; raw HTML disabled
    })


def pgq_wording(request):
    """GET: which languages are loaded, and the upload form; POST: load one language."""
    if not may(request.membership, Action.LOAD_PGQ_WORDING):
        raise PermissionDenied
    form = PgqWordingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        PgqWording.objects.update_or_create(
            clinic=request.clinic, language=form.cleaned_data["language"],
            defaults={"items": form.cleaned_data["file"], "loaded_by": request.user},
        )
        messages.success(request, _("The PGQ wording is loaded. It is shown at entry instead of "
                                    "the short topics."))
        return redirect("assessments:pgq_wording")
    loaded = PgqWording.objects.for_clinic(request.clinic).select_related("loaded_by")
    return render(request, "assessments/pgq_wording.html", {"form": form, "loaded": loaded})
