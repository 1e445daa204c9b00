"""When a service process dies, start it again: after 1 s, doubling to 30 s while it keeps
dying soon after its start; after ``GIVE_UP`` such immediate crashes in a row, leave it
down and say so. A process that ran a while before dying starts again after 1 s."""

from dataclasses import dataclass

FIRST_DELAY = 1.0
MAX_DELAY = 30.0
QUICK = 10.0  # seconds: a crash sooner than this after the start is immediate
GIVE_UP = 5


@dataclass
class Restarts:
    """The restart history of one process."""

    delay: float = FIRST_DELAY
    quick_crashes: int = 0
    restarts: int = 0

    def after_exit(self, ran_for: float) -> float | None:
        """Seconds to wait before starting it again, or None to give up."""
        if ran_for >= QUICK:
            self.delay, self.quick_crashes = FIRST_DELAY, 0
        else:
            self.quick_crashes += 1
            if self.quick_crashes >= GIVE_UP:
                return None
        delay = self.delay
        self.delay = min(self.delay * 2, MAX_DELAY)
        self.restarts += 1
        return delay
