"""Acknowledgements in runs (chassis.acks): never one for a tag still open, none left behind."""

import random

from chassis.acks import AckRuns


def acked(acks, delivered):
    """The tags a list of (tag, multiple) acknowledgements covers, as the broker counts."""
    covered = set()
    for tag, multiple in acks:
        covered |= {t for t in delivered if t <= tag} if multiple else {tag}
    return covered


def test_a_lone_event_is_acknowledged_at_once():
    runs = AckRuns(batch=5)
    runs.delivered(1)
    assert runs.defer(1) == [(1, True)]


def test_deferred_tags_wait_while_others_are_open_then_go_in_one_frame():
    runs = AckRuns(batch=5)
    for tag in range(1, 5):
        runs.delivered(tag)
    assert runs.defer(1) == []
    assert runs.defer(2) == []
    assert runs.defer(3) == []
    assert runs.defer(4) == [(4, True)]


def test_a_run_never_covers_an_open_tag():
    runs = AckRuns(batch=3)
    for tag in range(1, 6):
        runs.delivered(tag)
    runs.defer(1)
    runs.defer(2)
    # 3 is still being handled: 1–2 go as a run, 4 alone
    assert runs.defer(4) == [(2, True), (4, False)]
    assert runs.defer(3) == []  # 5 still open; 3 waits
    assert runs.defer(5) == [(5, True)]


def test_a_tag_settled_alone_lets_the_waiting_run_go():
    runs = AckRuns(batch=10)
    runs.delivered(1)
    runs.delivered(2)
    assert runs.defer(1) == []
    assert runs.settled(2) == [(1, True)]  # an RPC request acked, or a message requeued


def test_a_tag_never_counted_is_settled_without_harm():
    runs = AckRuns(batch=10)
    assert runs.settled(7) == []
    assert runs.defer(8) == [(8, True)]


def test_any_order_of_settling_acknowledges_each_committed_tag_once_and_no_open_one():
    rng = random.Random(35)
    for _ in range(300):
        runs, tags = AckRuns(batch=rng.randint(1, 6)), list(range(1, rng.randint(2, 30)))
        for tag in tags:
            runs.delivered(tag)
        alone = set(rng.sample(tags, rng.randint(0, len(tags) // 3)))  # requeued or RPCs
        sent, order = [], rng.sample(tags, len(tags))
        for i, tag in enumerate(order):
            due = runs.settled(tag) if tag in alone else runs.defer(tag)
            still_open = set(order[i + 1:])
            assert not acked(due, tags) & still_open
            sent += due
        assert acked(sent, tags) - alone == set(tags) - alone
        singles = [tag for tag, multiple in sent if not multiple]
        assert len(singles) == len(set(singles))
