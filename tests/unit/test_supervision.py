"""The launcher's restart policy: back off while a process keeps dying at start, give up
after repeated immediate crashes, start at once again after a long run."""

from xiaoneng.supervision import GIVE_UP, MAX_DELAY, Restarts


def test_a_process_that_keeps_crashing_at_start_backs_off_then_is_given_up():
    restarts = Restarts()
    delays = [restarts.after_exit(ran_for=0.5) for _ in range(GIVE_UP - 1)]
    assert delays == [1, 2, 4, 8]
    assert restarts.after_exit(ran_for=0.5) is None


def test_the_backoff_stops_at_thirty_seconds():
    restarts = Restarts(delay=16)
    assert [restarts.after_exit(ran_for=1) for _ in range(3)] == [16, MAX_DELAY, MAX_DELAY]


def test_a_process_that_ran_a_while_starts_again_after_a_second():
    restarts = Restarts()
    restarts.after_exit(ran_for=1)
    restarts.after_exit(ran_for=1)
    assert restarts.after_exit(ran_for=3600) == 1
    assert restarts.quick_crashes == 0 and restarts.restarts == 3
