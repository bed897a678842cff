"""Log records as one JSON object a line, for journald, docker logs or a log shipper.

A message that is itself a JSON object (the security events of clinics/security_log.py) is
merged into the record, so {"event": "sign_in_failed", "address": …} stays searchable by field.
gunicorn's error and access logs use the same shape (pgp_clinic/gunicorn_logging.py).
"""

import json
import logging
from datetime import UTC, datetime


def json_line(level, logger, fields):
    record = {"time": datetime.now(UTC).isoformat(timespec="milliseconds"), "level": level,
              "logger": logger}
    record.update(fields)
    return json.dumps(record, ensure_ascii=True, default=str)


class JsonFormatter(logging.Formatter):
    def format(self, record):
        message = record.getMessage()
        fields = None
        if message.startswith("{"):
            try:
                fields = json.loads(message)
            except ValueError:
                fields = None
        if not isinstance(fields, dict):
            fields = {"message": message}
        if record.exc_info:
            fields["exception"] = self.formatException(record.exc_info)
        return json_line(record.levelname.lower(), record.name, fields)
