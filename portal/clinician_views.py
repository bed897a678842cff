"""The clinician's side of her questionnaire link: make it, show it (address and QR code),
mark it handed over, revoke it; mark a worsening she reported as seen. Every patient through
consultations/access.py; a link or report of another clinic is a 404."""

import datetime
import io

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from clinics.permissions import Action, may
from consultations.access import get_patient_for, log_reports_read, may_record_for, require_may
from consultations.models import Pregnancy
from pgp_clinic.prepared import PreparedQuery

from . import reports as shown
from .clinician_forms import LinkForm
from .models import PatientReport, QuestionnaireLink
from .workflows import clinic_has_pgq_wording, make_link, mark_report_seen, mark_sent, revoke_link


@require_http_methods(["GET", "POST"])
def link_new(request, public_id):
    patient = get_patient_for(request, public_id)
    require_may(request, Action.MAKE_PORTAL_LINK)
    pregnancy = _current_episode(request, patient)
    if not may_record_for(request, patient, pregnancy):
        raise PermissionDenied
    form = LinkForm(request.POST if request.method == "POST" else None,
                    pgq_offered=clinic_has_pgq_wording(request.clinic))
    if request.method == "POST" and form.is_valid():
        link = make_link(pregnancy=pregnancy, clinic=request.clinic, by=request.user,
                         contexts=form.cleaned_data["contexts"],
                         include_pgq=form.cleaned_data.get("include_pgq", False))
        messages.success(request, _("The questionnaire link is made. Give it to her as a QR code "
                                    "or on her handout."))
        return redirect("portal:link_detail", patient.public_id, link.public_id)
    return render(request, "portal/clinician_link_form.html",
                  {"patient": patient, "pregnancy": pregnancy, "form": form})


@require_safe
def link_detail(request, public_id, link_id):
    patient, link = _link_for(request, public_id, link_id)
    address = request.build_absolute_uri(link.get_absolute_url())
    return render(request, "portal/clinician_link.html", {
        "patient": patient, "link": link, "address": address, "qr": qr_svg(address),
        "state": _state(link)})


@require_POST
def link_sent(request, public_id, link_id):
    _patient, link = _link_for(request, public_id, link_id)
    if link.is_open:
        mark_sent(link=link)
        messages.success(request, _("Noted as handed over to her."))
    return redirect("portal:link_detail", public_id, link_id)


@require_POST
def link_revoke(request, public_id, link_id):
    _patient, link = _link_for(request, public_id, link_id)
    revoke_link(link=link, by=request.user)
    messages.success(request, _("The link is revoked: it opens nothing any more."))
    return redirect("portal:link_detail", public_id, link_id)


@require_POST
def report_seen(request, public_id, report_id):
    patient = get_patient_for(request, public_id)
    require_may(request, Action.MARK_REPORT_SEEN)
    report = get_object_or_404(reports_for(request.clinic, patient), public_id=report_id)
    mark_report_seen(report=report, by=request.user)
    messages.success(request, _("Her reported worsening is marked as seen."))
    return redirect("dashboard" if request.POST.get("next") == "dashboard" else patient)


def qr_svg(address):
    """The address as a QR code, an SVG string (segno: no network, no image files)."""
    buffer = io.BytesIO()
    segno.make(address, error="m").save(buffer, kind="svg", scale=4, border=4, xmldecl=False,
                                        dark="#000", light="#fff")
    return buffer.getvalue().decode()


def handout_link(request, consultation):
    """The newest open link this clinic made for her episode, to print on her handout (by the
    clinic that wrote the consultation only), or None."""
    if consultation.clinic_id != request.clinic.pk:
        return None
    if not getattr(consultation, "_any_link_made", True):  # none made (get_consultation_for)
        return None
    return OPEN_LINK.first(pregnancy=consultation.pregnancy_id, clinic=request.clinic.pk,
                           now=timezone.now())


OPEN_LINK = PreparedQuery(  # on every consultation page (issue 12: built once per process)
    lambda pregnancy, clinic, now: QuestionnaireLink.objects.for_pregnancy(pregnancy)
    .filter(clinic=clinic).open_at(now)[:1], pregnancy=int, clinic=int, now=datetime.datetime)


def printed_link(request, link):
    """What her handout prints for the link: its address and QR code."""
    address = request.build_absolute_uri(link.get_absolute_url())
    return {"address": address, "qr": qr_svg(address), "expires_at": link.expires_at}


def _current_episode(request, patient):
    pregnancy = Pregnancy.objects.for_clinic(request.clinic).filter(patient=patient).first()
    if pregnancy is None:
        raise PermissionDenied
    return pregnancy


def _link_for(request, public_id, link_id):
    """Her link made by this clinic, for a clinician who may hand links out, else 404/403."""
    patient = get_patient_for(request, public_id)
    links = QuestionnaireLink.objects.filter(
        clinic=request.clinic, pregnancy__in=Pregnancy.objects.for_clinic(request.clinic),
        pregnancy__patient=patient).select_related("created_by", "revoked_by")
    link = get_object_or_404(links, public_id=link_id)
    require_may(request, Action.MAKE_PORTAL_LINK)
    return patient, link


def reports_for(clinic, patient):
    """Her answers from links of this clinic, in episodes this clinic may see."""
    return PatientReport.objects.for_clinic(clinic).filter(pregnancy__patient=patient)


def report_rows(reports):
    """(report, its pain lines, its worse values) as the report template shows them."""
    return [(report, shown.pain_lines(report), shown.worsening_lines(report.worsening))
            for report in reports]


def _state(link):
    """(label, Bootstrap colour) of the link now: open until, used, locked, revoked, expired."""
    state = link.state
    if state == QuestionnaireLink.State.OPEN:
        day = formats.date_format(timezone.localtime(link.expires_at), "SHORT_DATE_FORMAT")
        return (_("Open until %(day)s") % {"day": day}, "success")
    return (str(QuestionnaireLink.State(state).label),
            "danger" if state == QuestionnaireLink.State.LOCKED else "secondary")


def follow_up_offer(request, consultation):
    """On this clinic's draft: her newest answers from home that no visit has confirmed yet
    (or that this one confirmed), offered to go through with her and confirm. Logged as read
    when shown."""
    if consultation.is_signed or consultation.clinic_id != request.clinic.pk:
        return {"report_offer": None}
    reports = list(reports_for(request.clinic, consultation.patient)
                   .filter(pregnancy_id=consultation.pregnancy_id)
                   .prefetch_related("pain_rows", "psfs_rows").order_by("submitted_at", "pk"))
    offer = shown.latest_unconfirmed(reports, consultation.pk)
    if offer is None:
        return {"report_offer": None}
    log_reports_read(request, [(consultation.patient, offer)])
    return {"report_offer": report_rows([offer])[0]}


EPISODE_LINKS = PreparedQuery(  # on every page of hers (issue 12: built once per process)
    lambda pregnancy, clinic: QuestionnaireLink.objects.for_pregnancy(pregnancy)
    .filter(clinic=clinic), pregnancy=int, clinic=int)


def patient_panel(request, patient, pregnancy):
    """Her page's part about answers from home: this clinic's links for the episode with their
    state, and her reports (newest first) with their rows. A fixed number of queries; every
    report shown is written to the access log."""
    if pregnancy is None:
        return None
    links = EPISODE_LINKS.list(pregnancy=pregnancy.pk, clinic=request.clinic.pk)
    # A report is only ever sent through a link, with its clinic and episode
    # (portal.workflows.submit), so without this clinic's links here there is none to read.
    reports = list(PatientReport.objects.in_visible_episode(request.clinic, pregnancy).as_shown()
                   .prefetch_related("pain_rows", "psfs_rows")
                   .order_by("-submitted_at", "-pk")) if links else []
    log_reports_read(request, [(patient, report) for report in reports])
    return {
        "links": [(link, _state(link)) for link in links],
        "reports": report_rows(reports),
        "may_make": may(request.membership, Action.MAKE_PORTAL_LINK)
        and may_record_for(request, patient, pregnancy),
        "may_mark_seen": may(request.membership, Action.MARK_REPORT_SEEN),
    }
