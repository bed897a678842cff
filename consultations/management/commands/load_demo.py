from django.core.management.base import BaseCommand, CommandError

from clinics.models import Clinic
from consultations.demo import DEMO_PASSWORD, load_demo

REFUSAL = ("load_demo refuses to run: this database has real clinics ({names}). Demo accounts "
           "with a published password must never be added to a real installation.")


class Command(BaseCommand):
    help = "Create or refresh the demo clinics, users and patients (safe to run again)."

    def handle(self, *args, **options):
        real = list(Clinic.objects.filter(is_demo=False).values_list("name", flat=True)[:3])
        if real:
            raise CommandError(REFUSAL.format(names=", ".join(real)))
        seed = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Seed case: {seed.full_name} ({seed.current_pregnancy.stage_today.ga})")
        self.stdout.write(
            f"Sign in as demo-gp, demo-physio or demo-admin with the password {DEMO_PASSWORD}"
        )
