"""Create a clinic and its first administrator, who sets her password by a one-time link.

    manage.py create_clinic                       # asks for each value
    manage.py create_clinic --name "Lægerne i Byen" --kind general_practice \\
        --username anna --first-name Anna --last-name Berg --url https://pgp.example.dk

The link is printed (no mail server is needed); it works once, for 72 hours. Two-factor
sign-in is required in the new clinic: she sets up her authenticator app right after her
password. No demo data is made.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from clinics import staff
from clinics.models import Clinic, Membership
from clinics.security_log import logger as security_logger
from clinics.staff_forms import InviteForm

FIELDS = [  # option, question
    ("name", "Clinic name"),
    ("kind", "Kind ({})".format(", ".join(Clinic.Kind.values))),
    ("username", "The administrator's user name"),
    ("first_name", "Her first name"),
    ("last_name", "Her last name"),
    ("url", "The address the app is served at (e.g. https://pgp.example.dk)"),
]


class Command(BaseCommand):
    help = "Create a clinic and its first administrator with a one-time set-up link."

    def add_arguments(self, parser):
        parser.add_argument("--name")
        parser.add_argument("--kind", choices=Clinic.Kind.values)
        parser.add_argument("--username")
        parser.add_argument("--first-name", dest="first_name")
        parser.add_argument("--last-name", dest="last_name")
        parser.add_argument("--url", help="where the app is served, for the printed link")
        parser.add_argument("--no-input", action="store_false", dest="interactive",
                            help="fail instead of asking for a missing value")

    def handle(self, *args, interactive=True, **options):
        values = {}
        for option, question in FIELDS:
            value = (options.get(option) or "").strip()
            if not value and interactive:
                value = input(f"{question}: ").strip()
            if not value:
                raise CommandError(f"--{option.replace('_', '-')} is required")
            values[option] = value
        if not values["url"].startswith(("https://", "http://")):
            raise CommandError("--url must start with https:// (or http:// on this machine)")
        if values["kind"] not in Clinic.Kind.values:
            raise CommandError(f"--kind must be one of {', '.join(Clinic.Kind.values)}")
        form = InviteForm({"username": values["username"], "first_name": values["first_name"],
                           "last_name": values["last_name"], "role": Membership.Role.CLINIC_ADMIN})
        if not form.is_valid():
            errors = "; ".join(f"{field}: {' '.join(e)}" for field, e in form.errors.items())
            raise CommandError(errors)
        with transaction.atomic():
            clinic = Clinic.objects.create(name=values["name"], kind=values["kind"])
            membership, token = staff.invite(clinic=clinic, by=None, **form.cleaned_data)
            staff.record_change(table=staff.CLINIC_TABLE, row_id=clinic.pk, by=None,
                                clinic=clinic, old=None,
                                new={"act": "clinic_created", "require_two_factor": True})
        security_logger.info(json.dumps({  # as clinics/security_log.py writes them
            "event": "clinic_created", "clinic": str(clinic.public_id), "path": "manage.py",
            "member": membership.user.username, "address": None}, sort_keys=True))
        link = values["url"].rstrip("/") + reverse("welcome", args=[token])
        self.stdout.write(f"Clinic created: {clinic.name} ({clinic.get_kind_display()})")
        self.stdout.write(f"Administrator: {membership.user.username} (two-factor sign-in required)")
        self.stdout.write(f"Set-up link (works once, for {staff.INVITATION_LIFETIME.days * 24} "
                          f"hours; give it only to her):")
        self.stdout.write(link)


