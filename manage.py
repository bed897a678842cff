#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pgp_clinic.settings")
    if sys.argv[1:2] == ["makemigrations"]:
        # Writing migrations reads the models only: it needs no secrets and serves nothing,
        # so it runs with the development settings when none are given. Every other command
        # still refuses to start without the production variables.
        os.environ.setdefault("DJANGO_DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
