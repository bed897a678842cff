"""Who may do what: one table of action × role, the only place a role is checked.

Clinical acts are for the clinician roles (GP, physiotherapist, midwife). A clinic
administrator manages (the library, the access log, her details and printing on request) but
never writes, signs or amends clinical content. On top of a role, a draft is signed only by its
author (and a signed one amended only by her); a colleague takes a draft over explicitly first
(workflows.take_over_draft), and the record says so. Which patient's data a clinic may reach
at all is decided by consultations/access.py; this table says what a member may do there.

docs/permissions.md is rendered from this table and checked by tests/test_permissions.py, so
it cannot drift: after changing the table, run
PGP_WRITE_DOCS=1 make test PYTEST_ARGS=tests/test_permissions.py and commit the file.
"""

import functools
from types import MappingProxyType

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import Membership

Role = Membership.Role
CLINICIANS = frozenset({Role.GP, Role.PHYSIOTHERAPIST, Role.MIDWIFE})
EVERYONE = frozenset(Role)


class Action(models.TextChoices):
    READ = "read", _("Read her record and lists")
    PRINT = "print", _("Print her record, progress report and handouts")
    REGISTER_PATIENT = "register_patient", _("Register or edit a patient and her pregnancy")
    RECORD = "record", _("Create or edit a draft consultation")
    TAKE_OVER = "take_over", _("Take over a colleague's draft")
    SIGN = "sign", _("Sign a draft")
    DELETE_DRAFT = "delete_draft", _("Delete a draft")
    AMEND = "amend", _("Add a signed amendment to a signed consultation")
    RECORD_PGQ = "record_pgq", _("Record a Pelvic Girdle Questionnaire")
    GIVE_HANDOUT = "give_handout", _("Give her a handout (written in the journal)")
    REFER = "refer", _("Refer her to a physiotherapy clinic")
    CLOSE_REFERRAL = "close_referral", _("Close a referral")
    READ_ACCESS_LOG = "read_access_log", _("Read the access log")
    MANAGE_LIBRARY = "manage_library", _("Manage the exercise and education library")
    MANAGE_STAFF = "manage_staff", _(
        "Manage staff: invite, roles, deactivate, reset a second factor, the two-factor rule")
    LOAD_PGQ_WORDING = "load_pgq_wording", _("Load the licensed PGQ wording for the clinic")
    EXPORT_RESEARCH = "export_research", _(
        "Export the clinic's consultations, pseudonymised, for research and quality work")
    READ_ADHERENCE_REPORT = "read_adherence_report", _(
        "Read the clinic's guideline-adherence report")
    MAKE_PORTAL_LINK = "make_portal_link", _(
        "Make, hand over or revoke her questionnaire link (answers from home)")
    MARK_REPORT_SEEN = "mark_report_seen", _("Mark her answers from home as seen")


PERMISSIONS = {
    Action.READ: EVERYONE,
    Action.PRINT: EVERYONE,
    Action.REGISTER_PATIENT: EVERYONE,
    Action.RECORD: CLINICIANS,
    Action.TAKE_OVER: CLINICIANS,
    Action.SIGN: CLINICIANS,
    Action.DELETE_DRAFT: CLINICIANS,
    Action.AMEND: CLINICIANS,
    Action.RECORD_PGQ: CLINICIANS,
    Action.GIVE_HANDOUT: CLINICIANS,
    Action.REFER: CLINICIANS,
    Action.CLOSE_REFERRAL: CLINICIANS,
    Action.READ_ACCESS_LOG: frozenset({Role.CLINIC_ADMIN}),
    Action.MANAGE_LIBRARY: frozenset({Role.CLINIC_ADMIN}),
    Action.MANAGE_STAFF: frozenset({Role.CLINIC_ADMIN}),
    Action.LOAD_PGQ_WORDING: frozenset({Role.CLINIC_ADMIN}),
    # Data governance, like the access log: the administrator, never a single clinician.
    Action.EXPORT_RESEARCH: frozenset({Role.CLINIC_ADMIN}),
    # The clinic's quality work: its administrator and every clinician (all roles today).
    Action.READ_ADHERENCE_REPORT: CLINICIANS | {Role.CLINIC_ADMIN},
    Action.MAKE_PORTAL_LINK: CLINICIANS,
    Action.MARK_REPORT_SEEN: CLINICIANS,
}
# Acts that also need her to be the draft's author (a colleague takes it over first).
AUTHOR_ONLY = frozenset({Action.SIGN, Action.DELETE_DRAFT, Action.AMEND})


def may(membership, action):
    """May a member in this role do this (in her current clinic)?"""
    return membership is not None and membership.role in PERMISSIONS[Action(action)]


def allowed(membership):
    """{action value: bool} for templates: {% if may.sign %} (one table per role, made once
    per process: every page's context asks for it)."""
    return _allowed_for(membership.role if membership is not None else None)


@functools.cache
def _allowed_for(role):
    return MappingProxyType({action.value: role in PERMISSIONS[action] for action in Action})


def as_markdown():
    """The table as docs/permissions.md shows it (in English)."""
    with translation.override("en"):
        return _markdown()


def _markdown():
    roles = list(Role)
    lines = [
        "# Permissions: action × role",
        "",
        "Generated from `clinics/permissions.py` by `tests/test_permissions.py`; do not edit by",
        "hand. Which women a clinic may reach at all (its own, and a pregnancy referred to it",
        "while the referral is open) is decided in `consultations/access.py`; this table says",
        "what a member may do there. Another clinic's patient is always a 404.",
        "",
        "| action | " + " | ".join(str(role.label) for role in roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for action in Action:
        marks = ["yes" if role in PERMISSIONS[action] else "–" for role in roles]
        note = " (author only)" if action in AUTHOR_ONLY else ""
        lines.append(f"| {action.label}{note} | " + " | ".join(marks) + " |")
    lines += [
        "",
        "Author only: a draft is signed or deleted, and a signed consultation amended, by the",
        "clinician who wrote it. Colleagues write their own consultation instead of amending",
        "hers; a colleague (a clinician of the same clinic) may take over a draft, and the",
        "record then names her as its author and says from whom she took it over.",
        "",
        "Every user, whatever her role, changes her own password and sees and ends her own",
        "signed-in sessions; another clinic's staff member is a 404 to an administrator.",
        "",
    ]
    return "\n".join(lines)
