"""What a worker would otherwise do on its first requests, done once in gunicorn's master
before it forks the workers (`preload_app`, gunicorn.conf.py), so that every worker, and every
worker started again after `max_requests`, begins warm (issue 12, docs/performance.md).

Measured at 1M in a fresh process: the first request cost ~620 ms of CPU (most of it importing
the URLconf's views and WeasyPrint with its libraries), and each page's first request another
20–40 ms (compiling its templates). Nothing here touches the database.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils import translation


def template_names():
    """Our own templates (the project's and our apps'), and crispy-forms' that our forms use."""
    engine = engines["django"].engine
    roots = [Path(folder) for folder in engine.dirs]
    roots += [Path(app.path) / "templates" for app in apps.get_app_configs()
              if Path(app.path).is_relative_to(settings.BASE_DIR) or app.name.startswith("crispy")]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in {".html", ".txt"}:
                yield path.relative_to(root).as_posix()


def warm_up():
    """Import every view (through the URLconf), load both languages' catalogues and addresses,
    and compile the templates into the cached loader. Returns how many templates."""
    resolver = get_resolver()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            resolver.reverse_dict  # noqa: B018 (populates the language's addresses)
    compiled = 0
    for name in template_names():
        try:
            engines["django"].get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):
            continue  # a fragment that is only ever included in a context of its own
        compiled += 1
    return compiled
