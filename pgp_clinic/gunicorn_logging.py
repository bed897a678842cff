"""gunicorn's error and access logs as JSON lines on stdout, in the shape of the app's own
(pgp_clinic/json_logging.py). The access line has the path without its query string (a search
token or a page number is nobody's business in a log) and the client's address as the app
settled it (pgp_clinic/proxy.py rewrites REMOTE_ADDR in the same environ). The token of a
patient's questionnaire link (portal/) is left out of the path: a log must not open her link."""

import json
import logging
import re
import sys

from gunicorn.glogging import Logger

from .json_logging import JsonFormatter


PORTAL_TOKEN = re.compile(r"^/p/[^/]+")


def access_fields(environ, status, sent, seconds):
    path = PORTAL_TOKEN.sub("/p/[token]", environ.get("PATH_INFO", ""))
    return {"address": environ.get("REMOTE_ADDR") or None,
            "method": environ.get("REQUEST_METHOD"), "path": path[:200],
            "status": status, "bytes": sent, "ms": round(seconds * 1000)}


class JsonLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if isinstance(handler, logging.StreamHandler) and handler.stream is sys.stderr:
                    handler.setStream(sys.stdout)
                handler.setFormatter(JsonFormatter())

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        status = str(resp.status).split(None, 1)[0]
        fields = access_fields(environ, int(status), getattr(resp, "sent", None),
                               request_time.total_seconds())
        self.access_log.info(json.dumps(fields))
