"""The event envelope and configuration defaults."""

from datetime import UTC, date, datetime

import pytest

import contracts
from chassis.config import DEFAULT_JWT_SECRET, Settings, check_production, nameko_config
from chassis.envelope import MalformedEvent, fact_id, load_event, make_event

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
STAFF = {"staff_id": "s1", "name": "张三", "role": "staff", "division_id": "d1"}


def test_an_event_carries_the_whole_envelope():
    event = make_event("posts", "staff_changed", STAFF, now=NOW, correlation_id="c1")
    assert set(event) == {"id", "type", "source", "occurred_at", "version",
                          "correlation_id", "data"}
    # fields an older producer did not send come with their defaults
    assert load_event(event, "posts", "staff_changed").data == {
        **STAFF, "active": True, "token_version": 0, "revision": 0}


def test_a_producer_cannot_emit_data_that_breaks_its_contract():
    with pytest.raises(ValueError):
        make_event("posts", "staff_changed", {**STAFF, "role": "king"}, now=NOW)


def test_an_event_nobody_registered_a_contract_for_is_refused():
    """The chassis knows no event: each source's contracts are registered with it."""
    with pytest.raises(LookupError, match="no contracts registered for 'nobody'"):
        make_event("nobody", "staff_changed", STAFF, now=NOW)
    with pytest.raises(LookupError, match="no contract for posts.staff_fired"):
        make_event("posts", "staff_fired", STAFF, now=NOW)


def test_a_timer_raised_fact_has_the_same_id_in_every_instance():
    first = make_event("posts", "staff_changed", STAFF, now=NOW, fact=("doc-1", "overdue", "d"))
    second = make_event("posts", "staff_changed", STAFF, now=NOW, fact=("doc-1", "overdue", "d"))
    assert first["id"] == second["id"] == fact_id("doc-1", "overdue", "d")


@pytest.mark.parametrize("body", [
    "a string", {"id": "not-a-uuid"},
    {**make_event("posts", "staff_changed", STAFF, now=NOW), "type": "post_changed"},
    {**make_event("posts", "staff_changed", STAFF, now=NOW), "occurred_at": "2026-11-26T09:00"},
])
def test_a_malformed_envelope_is_refused_with_a_reason(body):
    with pytest.raises(MalformedEvent):
        load_event(body, "posts", "staff_changed")


def test_settings_have_working_defaults():
    settings = Settings.from_mapping({})
    assert settings.gateway_port == 8000
    assert settings.services == contracts.SERVICES  # as the contracts named them to the chassis
    assert (settings.admin_username, settings.admin_password) == ("admin", "admin")
    assert settings.database_url("posts", {}).endswith("var/posts.db")
    assert not settings.test_clock


def test_the_test_clock_is_never_on_in_production():
    assert not Settings.from_mapping({"XIAONENG_TEST_CLOCK": "1",
                                      "XIAONENG_ENV": "production"}).test_clock


def test_a_service_database_url_comes_from_its_own_variable():
    config = nameko_config({"XIAONENG_POSTS_DATABASE_URL": "postgresql://db/posts",
                            "XIAONENG_GATEWAY_PORT": "9000"})
    assert Settings.from_mapping(config).database_url("posts", config) == "postgresql://db/posts"
    assert config["WEB_SERVER_ADDRESS"] == "0.0.0.0:9000"


PRODUCTION = {"XIAONENG_ENV": "production", "AMQP_URI": "amqp://xn:s3cret@mq:5672/",
              "XIAONENG_JWT_SECRET": "x" * 40, "XIAONENG_ADMIN_PASSWORD": "a-long-one"}


@pytest.mark.parametrize(("override", "named"), [
    ({"AMQP_URI": "amqp://guest:guest@mq:5672/"}, "AMQP_URI"),
    ({"AMQP_URI": "amqp://xn@mq:5672/"}, "AMQP_URI"),
    ({"XIAONENG_JWT_SECRET": DEFAULT_JWT_SECRET}, "XIAONENG_JWT_SECRET"),
    ({"XIAONENG_JWT_SECRET": "short"}, "XIAONENG_JWT_SECRET"),
    ({"XIAONENG_ADMIN_PASSWORD": "admin"}, "XIAONENG_ADMIN_PASSWORD"),
])
def test_production_refuses_every_development_default(override, named):
    def unchecked(settings):  # the broker user's tags: tests/integration/test_security.py
        return []
    check_production(Settings.from_mapping(PRODUCTION), unchecked)  # its own secrets: fine
    with pytest.raises(RuntimeError, match=named):
        check_production(Settings.from_mapping({**PRODUCTION, **override}), unchecked)
    check_production(Settings.from_mapping({**PRODUCTION, **override,
                                            "XIAONENG_ENV": "development"}), unchecked)


def test_a_process_started_again_reads_the_test_clock_its_system_was_set_to(tmp_path):
    from chassis.clock import Clock

    set_by_gateway, started_again = Clock(), Clock()
    started_again.load(tmp_path)  # nothing set yet: the wall clock
    assert started_again.offset.total_seconds() == 0
    set_by_gateway.set_to(datetime(2026, 12, 15, 9, 0, tzinfo=UTC))
    set_by_gateway.save(tmp_path)
    started_again.load(tmp_path)
    assert started_again.setting() == set_by_gateway.setting()
    assert started_again.today() == date(2026, 12, 15)


def test_a_stale_clock_setting_does_not_undo_a_newer_one():
    """Two gateways: the one that has not heard of the newer setting still rebroadcasts
    its older one every 2 s; a process keeps the newer (issue 13's faults run flip-flopped
    between the two days and its overdue flood never came)."""
    from chassis.clock import Clock

    first, second, service = Clock(), Clock(), Clock()
    first.set_to(datetime(2026, 12, 14, 1, 0, tzinfo=UTC))
    assert service.adopt(first.setting())
    second.set_to(datetime(2026, 12, 15, 1, 0, tzinfo=UTC))
    second.set_at = first.set_at + 1  # made later, whatever the wall clock's resolution
    assert service.adopt(second.setting())
    assert not service.adopt(first.setting())
    assert not first.adopt(first.setting())  # its own broadcast back: nothing to do
    assert first.adopt(second.setting())
    assert service.today() == first.today() == date(2026, 12, 15)


@pytest.mark.parametrize("text", ["", "86400.5", "{", "[1, 2]"])
def test_a_clock_file_that_is_not_a_setting_leaves_the_wall_clock(tmp_path, text):
    from chassis.clock import OFFSET_FILE, Clock

    (tmp_path / OFFSET_FILE).write_text(text)
    clock = Clock()
    clock.load(tmp_path)  # the process still starts
    assert clock.setting() == {"offset": 0.0, "set_at": 0.0}


@pytest.mark.parametrize("setting", [None, {}, {"offset": 5}, {"offset": "soon", "set_at": 1},
                                     {"offset": 5, "set_at": None}])
def test_a_malformed_clock_setting_is_ignored(setting):
    from chassis.clock import Clock

    clock = Clock()
    assert not clock.adopt(setting)
    assert clock.setting() == {"offset": 0.0, "set_at": 0.0}
