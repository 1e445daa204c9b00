"""The clock every rule is given: wall time, or the test clock when one is set.

The test clock (``XIAONENG_TEST_CLOCK=1``, never in production) lets end-to-end
tests move time: the gateway broadcasts an offset, each process applies it here,
and time runs on from the new reading.
"""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

OFFSET_FILE = "test-clock-offset"

OFFICE_TZ = ZoneInfo("Asia/Shanghai")


class Clock:
    def __init__(self):
        self.offset = timedelta(0)

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def today(self) -> date:
        """The office's date (Asia/Shanghai), which working-day rules count in."""
        return self.now().astimezone(OFFICE_TZ).date()

    def set_offset(self, seconds: float):
        self.offset = timedelta(seconds=seconds)

    def save(self, data_dir: Path):
        """Processes of one system share a data directory: one started again (after a
        crash) reads the clock here before it serves, not 2 s later from a broadcast."""
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        (Path(data_dir) / OFFSET_FILE).write_text(str(self.offset.total_seconds()))

    def load(self, data_dir: Path):
        path = Path(data_dir) / OFFSET_FILE
        if path.exists():
            self.set_offset(float(path.read_text() or 0))

    @staticmethod
    def offset_to(now: datetime) -> float:
        """Seconds to add to the wall clock so that it reads ``now``."""
        return (now - datetime.now(UTC)).total_seconds()


clock = Clock()  # one per process: a process is one service instance
