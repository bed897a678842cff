from pathlib import Path

from django.core.management.base import BaseCommand

from django.utils import translation

from clinics.models import Clinic
from consultations.demo import PHYSIO_CLINIC, load_demo
from consultations.progress_views import render_progress_pdf
from education.handouts import LANGUAGES, TEMPLATE_VERSIONS, render_handout_pdf


class Command(BaseCommand):
    help = "Render every handout and the progress report of the demo seed case to PDF (da, en)."

    def add_arguments(self, parser):
        parser.add_argument("--out", default="artifacts/handouts")

    def handle(self, *args, out, **options):
        seed = load_demo()
        consultation = seed.consultations.filter(clinic=seed.clinic).order_by("seen_at").first()
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        for kind in TEMPLATE_VERSIONS:
            for language in LANGUAGES:
                path = folder / f"{kind}-{language}.pdf"
                path.write_bytes(render_handout_pdf(consultation, kind, language))
                self.stdout.write(f"{path} ({path.stat().st_size // 1024} kB)")
        physio = Clinic.objects.get(name=PHYSIO_CLINIC)
        for language in LANGUAGES:
            with translation.override(language):
                path = folder / f"progress-{language}.pdf"
                path.write_bytes(render_progress_pdf(physio, seed))
                self.stdout.write(f"{path} ({path.stat().st_size // 1024} kB)")
