from pathlib import Path

from django.core.management.base import BaseCommand

from consultations.demo import load_demo
from education.handouts import LANGUAGES, TEMPLATE_VERSIONS, render_handout_pdf


class Command(BaseCommand):
    help = "Render every handout of the demo seed case to PDF, in Danish and English."

    def add_arguments(self, parser):
        parser.add_argument("--out", default="artifacts/handouts")

    def handle(self, *args, out, **options):
        seed = load_demo()
        consultation = seed.consultations.order_by("seen_at").first()
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        for kind in TEMPLATE_VERSIONS:
            for language in LANGUAGES:
                path = folder / f"{kind}-{language}.pdf"
                path.write_bytes(render_handout_pdf(consultation, kind, language))
                self.stdout.write(f"{path} ({path.stat().st_size // 1024} kB)")
