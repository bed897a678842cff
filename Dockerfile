# PGP Clinic's app image: the same commands as the systemd recipe (docs/deployment.md), in a
# container. Not built or run on the project's machines (they have no container daemon);
# `make deploy-check` tests the same gunicorn.conf.py, Caddy site block and commands directly.
FROM python:3.13-slim-bookworm

# WeasyPrint's Pango and a font; pg_dump for scripts/backup; gettext to compile translations.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       fonts-dejavu-core postgresql-client gettext \
    && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    PGP_BIND=0.0.0.0:8000 PGP_STATIC_ROOT=/app/staticfiles \
    PGP_PDF_LOCK_DIR=/tmp/pgp-clinic-pdf-slots
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# Translations and static files are built into the image. collectstatic needs settings that
# load, not real secrets: these build-only values never reach a running container.
RUN DJANGO_DEBUG=1 python manage.py compilemessages --ignore=.venv -v0 \
    && DJANGO_SECRET_KEY=build-only-key-build-only-key-build-only-key-build-only \
       PGP_CPR_KEY=YnVpbGQtb25seS1rZXktbmV2ZXItdXNlZC1hdC1ydW4= DJANGO_ALLOWED_HOSTS=build \
       DATABASE_URL=postgres://build@127.0.0.1:1/unused \
       python manage.py collectstatic --no-input -v0 \
    && useradd --system --no-create-home --home-dir /nonexistent pgp-clinic
USER pgp-clinic
EXPOSE 8000
# /healthz with the first allowed host name (Django refuses unknown Host headers).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD python -c "import os, urllib.request as u; u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'Host': os.environ['DJANGO_ALLOWED_HOSTS'].split(',')[0]}), timeout=4)"
CMD ["gunicorn", "-c", "gunicorn.conf.py", "pgp_clinic.wsgi"]
