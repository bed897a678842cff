"""Benchmark: patient search over a large clinic with CPR numbers encrypted at rest.

Adds N women to a throwaway clinic (bulk, encrypted like any other), then times the searches
a clinician types: a name, the six birth-date digits, eight digits (decrypts the few born
that day) and the whole number (keyed digest). Prints median and p95 per kind.
"""

import datetime
import random
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection

from clinics.models import Clinic
from consultations.models import Patient

NAMES = ["Hansen", "Jensen", "Nielsen", "Pedersen", "Andersen", "Larsen", "Holm", "Kjær"]


class Command(BaseCommand):
    help = "Time patient searches (name, 6, 8 and 10 CPR digits) over N patients."

    def add_arguments(self, parser):
        parser.add_argument("--patients", type=int, default=10_000)
        parser.add_argument("--runs", type=int, default=30)

    def handle(self, *args, patients, runs, **options):
        clinic, _ = Clinic.objects.get_or_create(name="Benchmark clinic (search)")
        rng = random.Random(1)
        if not Patient.objects.filter(clinic=clinic).exists():
            started = time.perf_counter()
            rows = []
            for number in range(patients):
                born = datetime.date(1980, 1, 1) + datetime.timedelta(days=rng.randrange(9000))
                rows.append(Patient(clinic=clinic, first_name=f"Kvinde{number}",
                                    last_name=rng.choice(NAMES),
                                    cpr=born.strftime("%d%m%y") + f"{1000 + number % 3000:04d}"))
            Patient.objects.bulk_create(rows, batch_size=1000)
            self.stdout.write(f"  created {patients} patients in "
                              f"{time.perf_counter() - started:.1f} s (encryption included)")
        target = Patient.objects.filter(clinic=clinic).order_by("pk")[patients // 2]
        digits = target.cpr
        kinds = {"name (Holm)": "Holm", "6 digits (birth date)": digits[:6],
                 "8 digits (decrypts that day)": digits[:8], "10 digits (digest)": digits}
        self.stdout.write(f"search benchmark: {patients} patients in one clinic, "
                          f"{runs} runs each, {connection.vendor}")
        for label, text in kinds.items():
            timings, found = [], 0
            for _ in range(runs):
                started = time.perf_counter()
                found = len(Patient.objects.for_clinic(clinic).search(text)[:25])
                timings.append(time.perf_counter() - started)
            timings.sort()
            p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
            self.stdout.write(f"  {label:30} median {statistics.median(timings) * 1000:6.1f} ms"
                              f"  p95 {p95 * 1000:6.1f} ms  ({found} shown)")
