"""Acknowledging a channel's deliveries in runs: one ``basic.ack`` with ``multiple`` for many
settled messages, instead of one frame each.

A delivery tag is *open* from delivery until its handler settles it. Only an event whose
transaction has committed is *deferred* (its redelivery after a crash is harmless: the
inbox skips it); everything else is acknowledged or requeued at once. Deferred tags wait
until nothing is open on the channel or ``batch`` of them wait; then the run below the
oldest open tag goes in one ``multiple`` acknowledgement (it cannot cover an open tag) and
any deferred tag above it alone.
"""

from bisect import insort


class AckRuns:
    """The open and deferred delivery tags of one channel. Tags arrive in ascending order
    (the broker numbers a channel's deliveries); every method returns the acknowledgements
    to send now, as ``(tag, multiple)``."""

    def __init__(self, batch: int):
        self.batch = max(1, batch)
        self.open: dict[int, None] = {}  # an ordered set: the oldest first
        self.deferred: list[int] = []

    def delivered(self, tag: int) -> None:
        self.open[tag] = None

    def defer(self, tag: int) -> list[tuple[int, bool]]:
        """A committed event's tag: acknowledged with the next run."""
        self.open.pop(tag, None)
        insort(self.deferred, tag)
        return self._due()

    def settled(self, tag: int) -> list[tuple[int, bool]]:
        """A tag acknowledged or requeued alone by the caller: no longer open, which may
        let the deferred ones go."""
        self.open.pop(tag, None)
        return self._due()

    def _due(self) -> list[tuple[int, bool]]:
        if not self.deferred or (self.open and len(self.deferred) < self.batch):
            return []
        oldest_open = next(iter(self.open), None)
        run = [t for t in self.deferred if oldest_open is None or t < oldest_open]
        acks = [(run[-1], True)] if run else []
        acks += [(t, False) for t in self.deferred[len(run):]]
        self.deferred = []
        return acks
