from django.core.management.base import BaseCommand

from consultations.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Create or refresh the demo clinics, users and patients (safe to run again)."

    def handle(self, *args, **options):
        seed = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Seed case: {seed.full_name} ({seed.current_pregnancy.stage_today.ga})")
        self.stdout.write(
            f"Sign in as demo-gp, demo-physio or demo-admin with the password {DEMO_PASSWORD}"
        )
