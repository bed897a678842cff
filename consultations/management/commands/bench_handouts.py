"""Benchmark: render the seed case's handout repeatedly; print median, p95 and size."""

import platform
import statistics
import time

import weasyprint
from django.core.management.base import BaseCommand

from consultations.demo import load_demo
from education.handouts import render_handout_pdf


class Command(BaseCommand):
    help = "Render the seed case's programme handout N times and print timing figures."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=30)
        parser.add_argument("--language", default="da")

    def handle(self, *args, runs, language, **options):
        seed = load_demo()
        consultation = seed.consultations.filter(clinic=seed.clinic).get()
        started = time.perf_counter()
        first = render_handout_pdf(consultation, "programme", language)
        cold = time.perf_counter() - started
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            pdf = render_handout_pdf(consultation, "programme", language)
            timings.append(time.perf_counter() - started)
        timings.sort()
        p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
        items = consultation.programme_items.count()
        self.stdout.write(
            f"handout benchmark: {runs} warm renders of the seed case's programme "
            f"({items} exercises, {len(consultation.education_given)} topics, {language})\n"
            f"  machine: {platform.machine()} {platform.python_implementation()} "
            f"{platform.python_version()}, WeasyPrint {weasyprint.__version__}\n"
            f"  first render: {cold * 1000:.0f} ms\n"
            f"  median: {statistics.median(timings) * 1000:.0f} ms  "
            f"p95: {p95 * 1000:.0f} ms  max: {timings[-1] * 1000:.0f} ms\n"
            f"  size: {len(pdf) / 1024:.0f} kB (first {len(first) / 1024:.0f} kB)"
        )
