import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pgp_clinic.settings")
application = get_wsgi_application()

# Under gunicorn with preload_app this runs once in the master, before the workers are forked.
from pgp_clinic.warm import warm_up  # noqa: E402

warm_up()
