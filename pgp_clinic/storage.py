"""The static files' storage in production: whitenoise's compressed manifest storage, with
each file's URL worked out once per process (issue 12). Every page asks for the same few URLs
(base.html: the stylesheets, the icon, the menu's script), and the manifest they come from
does not change while the process runs (collectstatic runs before the app starts)."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)  # a name not in the manifest raises
            return url
