"""Log lines: one JSON object each, or text, with the process and the worker's context."""

import json
import logging
import sys
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from chassis import logs
from chassis.envelope import load_event, make_event
from xiaoneng.launcher import rotate_logs

STAFF = {"staff_id": "s1", "name": "张三", "role": "staff", "division_id": "d1"}


def record(message="对象 %s", *args, exc_info=None):
    line = logging.LogRecord("chassis.events", logging.WARNING, __file__, 1, message, args,
                             exc_info)
    logs.ProcessFields("posts,attendance", instance="posts.2").filter(line)
    return line


@pytest.fixture
def event_worker():
    """A worker of posts handling an event, its log fields set as the chassis sets them."""
    body = make_event("posts", "staff_changed", STAFF, now=datetime.now(UTC),
                      correlation_id="req-7")
    event = load_event(body, "posts", "staff_changed")
    worker_ctx = SimpleNamespace(service_name="posts", data={"correlation_id": "req-7"},
                                 args=(event,))
    context = logs.LogContext()
    context.worker_setup(worker_ctx)
    yield event
    context.worker_teardown(worker_ctx)


def test_a_json_line_says_which_process_wrote_it_in_the_words_it_was_given():
    line = json.loads(logs.JsonFormatter().format(record("对象 %s", "张三")))
    assert line["message"] == "对象 张三"
    assert (line["level"], line["logger"]) == ("WARNING", "chassis.events")
    assert (line["service"], line["instance"]) == ("posts,attendance", "posts.2")
    assert datetime.fromisoformat(line["time"]).tzinfo is not None
    assert not {"correlation_id", "event_id", "event_type"} & set(line)


def test_a_json_line_written_by_an_event_worker_names_the_event_and_its_request(event_worker):
    line = json.loads(logs.JsonFormatter().format(record()))
    assert line["service"] == "posts"
    assert line["correlation_id"] == "req-7"
    assert (line["event_id"], line["event_type"]) == (event_worker.id, "staff_changed")


def test_after_the_worker_its_context_is_gone_from_the_lines():
    worker_ctx = SimpleNamespace(service_name="posts", data={"correlation_id": "c-1"}, args=())
    context = logs.LogContext()
    context.worker_setup(worker_ctx)
    context.worker_teardown(worker_ctx)
    assert "correlation_id" not in json.loads(logs.JsonFormatter().format(record()))


def test_an_exception_is_kept_in_the_same_json_line():
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        text = logs.JsonFormatter().format(record("failed", exc_info=sys.exc_info()))
    assert "\n" not in text
    assert "RuntimeError: a bug" in json.loads(text)["exception"]


def test_a_text_line_ends_with_the_correlation_id_and_the_event(event_worker):
    text = logs.formatter("text").format(record("handled"))
    assert text.endswith(f"handled cid=req-7 event=staff_changed/{event_worker.id}")


def test_an_unknown_log_format_is_refused():
    with pytest.raises(ValueError, match="text or json"):
        logs.formatter("xml")


def test_each_start_keeps_the_logs_of_the_five_before(tmp_path):
    for start in range(1, 8):
        rotate_logs(tmp_path)
        (tmp_path / "posts.log").write_text(f"start {start}")
    rotate_logs(tmp_path)
    kept = {p.name: p.read_text() for p in tmp_path.iterdir()}
    assert kept == {f"posts.log.{i}": f"start {8 - i}" for i in range(1, 6)}
