"""Log lines that say which process wrote them, and for which request or event.

:func:`configure` sets up the root logger once per process (``XIAONENG_LOG_FORMAT``:
``text``, the default, or ``json``: one JSON object a line). Every record is given the
process's ``service`` and ``instance`` (``XIAONENG_INSTANCE``, else host and pid), and, when a
worker writes it, the correlation id and the event it handles: :class:`LogContext` sets
them when a worker starts. Each eventlet green thread has its own context variables, so
workers running side by side never see each other's.
"""

import json
import logging
import os
import socket
from contextvars import ContextVar
from datetime import UTC, datetime

from nameko.extensions import DependencyProvider

from chassis.envelope import Event

CONTEXT_FIELDS = ("correlation_id", "event_id", "event_type")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s%(context)s"

_worker = ContextVar("xiaoneng_log_context", default=None)


class ProcessFields(logging.Filter):
    """Adds ``service``, ``instance`` and the worker's context fields to every record."""

    def __init__(self, service="", instance=None):
        super().__init__()
        self.service = service
        self.instance = instance or os.environ.get("XIAONENG_INSTANCE") \
            or f"{socket.gethostname()}:{os.getpid()}"

    def filter(self, record):
        context = _worker.get() or {}
        record.service = context.get("service") or self.service
        record.instance = self.instance
        for field in CONTEXT_FIELDS:
            setattr(record, field, context.get(field))
        record.context = text_suffix(context)
        return True


def text_suffix(context):
    """A text line's context: `` cid=… event=type/id``, as far as it is known."""
    suffix = f" cid={context['correlation_id']}" if context.get("correlation_id") else ""
    if context.get("event_id"):
        suffix += f" event={context.get('event_type')}/{context['event_id']}"
    return suffix


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, service, instance, and the
    context fields a worker's record has."""

    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "service": getattr(record, "service", ""),
            "instance": getattr(record, "instance", ""),
        }
        line.update({field: value for field in CONTEXT_FIELDS
                     if (value := getattr(record, field, None))})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def formatter(log_format):
    if log_format == "json":
        return JsonFormatter()
    if log_format == "text":
        return logging.Formatter(TEXT_FORMAT)
    raise ValueError(f"XIAONENG_LOG_FORMAT is text or json, not {log_format!r}")


def configure(log_format="text", level="INFO", service=""):
    """The root logger writes to stderr in ``log_format``, each record with this process's
    fields. Called once, when a process starts."""
    handler = logging.StreamHandler()
    handler.setFormatter(formatter(log_format))
    handler.addFilter(ProcessFields(service))
    logging.basicConfig(level=level, handlers=[handler], force=True)


def worker_fields(worker_ctx):
    """What a worker's log lines carry: its service, the correlation id it was given, and
    the event it handles."""
    fields = {"service": worker_ctx.service_name,
              "correlation_id": worker_ctx.data.get("correlation_id") or None}
    event = worker_ctx.args[0] if worker_ctx.args else None
    if isinstance(event, Event):
        fields.update(event_id=event.id, event_type=event.type)
    return fields


class LogContext(DependencyProvider):
    """Sets a worker's log fields when it starts, in its own green thread (``worker_setup``
    runs there, after the gateway has given a request its correlation id)."""

    def worker_setup(self, worker_ctx):
        _worker.set(worker_fields(worker_ctx))

    def worker_teardown(self, worker_ctx):
        _worker.set(None)
