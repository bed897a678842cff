"""The pages the woman sees: no clinician sign-in; the link's token and her birth date instead.

Before the check a page shows nothing about her (no name, no CPR number, nothing clinical);
after it, her first name only. A signed, short-lived cookie remembers the one link she has
confirmed; every page checks again that the link is still open. An unknown token gets a
generic 404 page; an expired, revoked or locked link shows the clinic's phone number only.
"""

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from assessments.models import PgqWording
from clinics.security_log import client_address

from . import workflows
from .forms import ActivitiesForm, BirthDateForm, HardestForm, PainForm, PgqForm
from .workflows import Answers, CheckOutcome

COOKIE = "pgp_portal"
COOKIE_SALT = "portal.verified-link"
VERIFIED_SECONDS = 30 * 60  # renewed by every page she opens
FORMS = {"pain": PainForm, "pgq": PgqForm, "activities": ActivitiesForm, "hardest": HardestForm}


def portal_page(view):
    """Open without sign-in, never cached, GET/HEAD/POST only."""
    return login_not_required(never_cache(require_http_methods(["GET", "HEAD", "POST"])(view)))


def verified(view):
    """The view runs for an open link whose birth-date check this browser passed."""
    @portal_page
    @wraps(view)
    def wrapper(request, token, *args, **kwargs):
        link = workflows.find_link(token)
        if link is None:
            return unknown(request)
        if not link.is_open:
            return closed(request, link)
        if not is_verified(request, link):
            return redirect("portal:check", token)
        response = view(request, link, token, *args, **kwargs)
        remember(response, link)
        return response
    return wrapper


@portal_page
def check(request, token):
    """Her birth date before anything else; three wrong answers lock the link."""
    link = workflows.find_link(token)
    if link is None:
        workflows.note_unknown_token(address=client_address(request))
        return unknown(request)
    if not link.is_open:
        return closed(request, link)
    if is_verified(request, link):
        return redirect(resume_url(link, token))
    form = BirthDateForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        outcome = workflows.check_birth_date(link=link, born=form.cleaned_data["born"],
                                             address=client_address(request))
        if outcome == CheckOutcome.OK:
            return remember(redirect(resume_url(link, token)), link)
        if outcome == CheckOutcome.THROTTLED:
            return render(request, "portal/closed.html", {"link": link, "reason": "throttled"},
                          status=429)
        if outcome != CheckOutcome.WRONG:
            link.refresh_from_db()
            return closed(request, link)
        link.refresh_from_db(fields=["failed_checks"])
        form.add_error(None, wrong_date_message(link))
    return render(request, "portal/check.html", {"form": form})


@verified
def step(request, link, token, name):
    """One step of the questionnaire; each POST keeps her answers, valid or not yet."""
    steps = steps_for(link)
    if name not in steps:
        return unknown(request)
    saved = workflows.saved_answers(link)
    form = make_form(name, link, request, saved)
    if request.method == "POST":
        valid, go = form.is_valid(), request.POST.get("go")
        going = next_step(steps, name, go=go, valid=valid)
        saved = {**form.saved_part(saved), "reached": going}
        workflows.save_draft(link=link, answers=saved)
        if go == "keep":  # kept in the background as she answers (static/js/portal.js)
            return HttpResponse(status=204)
        if valid and name == steps[-1] and go != "back":
            return send(request, link, token, saved, steps)
        if going != name:
            return redirect(f"portal:{going}", token)
    return render(request, f"portal/step_{name}.html", {
        "form": form, "link": link, "first_name": link.pregnancy.patient.first_name,
        "number": steps.index(name) + 1, "count": len(steps),
        "first": name == steps[0], "last": name == steps[-1],
    })


@require_GET
@verified
def thanks(request, link, token):
    return render(request, "portal/thanks.html", {
        "link": link, "first_name": link.pregnancy.patient.first_name})


def send(request, link, token, saved, steps):
    """All steps answered: one report, or back to the first step that still needs an answer."""
    try:
        answers = Answers.from_saved(link, saved, pgq_offered="pgq" in steps)
    except ValueError:
        incomplete = first_incomplete(link, saved, steps)
        return redirect(reverse(f"portal:{incomplete}", args=[token]) + "?missing=1")
    workflows.submit(link=link, answers=answers, language=translation.get_language())
    return redirect("portal:thanks", token)


def next_step(steps, name, *, go, valid):
    """Back always goes back (her answers kept); forward only when the step is complete."""
    here = steps.index(name)
    if go == "back":
        return steps[max(here - 1, 0)]
    if go == "keep" or not valid:
        return name
    return steps[min(here + 1, len(steps) - 1)]


def steps_for(link):
    """The steps of this link in her language: the PGQ only with the clinic's wording in it."""
    steps = ["pain"] if link.contexts else []
    if pgq_wording(link) is not None:
        steps.append("pgq")
    return [*steps, "activities", "hardest"]


def pgq_wording(link):
    if not link.include_pgq:
        return None
    return PgqWording.objects.for_clinic(link.clinic).filter(
        language=translation.get_language()).first()


def form_options(name, link):
    return {"pain": {"contexts": link.contexts}, "pgq": {"wording": pgq_wording(link)}}.get(name, {})


def make_form(name, link, request, saved):
    """The step's form: bound to what she sent, or showing her saved answers (with their
    errors when she was sent back to finish it)."""
    form_class, extra = FORMS[name], form_options(name, link)
    initial = form_class.initial_from(saved)
    if request.method == "POST":
        return form_class(request.POST, **extra)
    if request.GET.get("missing"):
        return form_class(initial, **extra)
    return form_class(initial=initial, **extra)


def first_incomplete(link, saved, steps):
    for name in steps:
        if not FORMS[name](FORMS[name].initial_from(saved), **form_options(name, link)).is_valid():
            return name
    return steps[0]


def resume_url(link, token):
    """Where she left off, or the first step."""
    steps = steps_for(link)
    reached = workflows.saved_answers(link).get("reached")
    return reverse(f"portal:{reached if reached in steps else steps[0]}", args=[token])


def wrong_date_message(link):
    left = workflows.MAX_FAILED_CHECKS - link.failed_checks
    return ngettext("That birth date does not match. You can try %(count)d more time.",
                    "That birth date does not match. You can try %(count)d more times.",
                    left) % {"count": left}


def is_verified(request, link):
    value = request.get_signed_cookie(COOKIE, default=None, salt=COOKIE_SALT,
                                      max_age=VERIFIED_SECONDS)
    return value == str(link.public_id)


def remember(response, link):
    response.set_signed_cookie(COOKIE, str(link.public_id), salt=COOKIE_SALT,
                               max_age=VERIFIED_SECONDS, path="/p/", httponly=True,
                               samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)
    return response


def unknown(request):
    return render(request, "portal/unknown.html", status=404)


def closed(request, link):
    """Expired, revoked or locked: says which, and the clinic's phone number, nothing else."""
    workflows.forget_unsent_answers(link=link)
    return render(request, "portal/closed.html", {"link": link, "reason": link.state}, status=410)

