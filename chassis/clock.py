"""The clock every rule is given: wall time, or the test clock when one is set.

The test clock (``XIAONENG_TEST_CLOCK=1``, never in production) lets end-to-end
tests move time: a gateway takes the setting, broadcasts it, and every process —
the other gateways too — applies it here; time runs on from the new reading.
Each setting carries the wall time it was made at and a process keeps only the
latest, so a gateway that has not heard of a newer setting yet cannot undo it by
broadcasting its own again.
"""

import json
import logging
import os
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

OFFSET_FILE = "test-clock-offset"

OFFICE_TZ = ZoneInfo("Asia/Shanghai")

log = logging.getLogger(__name__)


class Clock:
    def __init__(self):
        self.offset = timedelta(0)
        self.set_at = 0.0  # wall seconds of the setting in force; 0: never set

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def today(self) -> date:
        """The office's date (Asia/Shanghai), which working-day rules count in."""
        return self.now().astimezone(OFFICE_TZ).date()

    def set_offset(self, seconds: float):
        self.offset = timedelta(seconds=seconds)

    def set_to(self, now: datetime):
        """An admin's setting: the clock reads ``now`` from here on."""
        self.set_offset(self.offset_to(now))
        self.set_at = time.time()

    def reset(self):
        """Back to the wall clock, as if never set (tests sharing one process)."""
        self.offset, self.set_at = timedelta(0), 0.0

    def setting(self) -> dict:
        """What a gateway broadcasts and a restarted process reads back."""
        return {"offset": self.offset.total_seconds(), "set_at": self.set_at}

    def adopt(self, setting) -> bool:
        """Apply a broadcast setting if it is newer than the one in force."""
        try:
            offset, set_at = float(setting["offset"]), float(setting["set_at"])
        except (TypeError, KeyError, ValueError) as exc:
            log.error("ignoring a malformed clock setting %r (%s)", setting, exc)
            return False
        if set_at <= self.set_at:
            return False
        self.set_offset(offset)
        self.set_at = set_at
        return True

    def save(self, data_dir: Path):
        """Processes of one system share a data directory: one started again (after a
        crash) reads the clock here before it serves, not 2 s later from a broadcast."""
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        written = Path(data_dir) / f"{OFFSET_FILE}.{os.getpid()}"
        written.write_text(json.dumps(self.setting()))
        written.replace(Path(data_dir) / OFFSET_FILE)  # whole or not at all

    def load(self, data_dir: Path):
        path = Path(data_dir) / OFFSET_FILE
        if not path.exists():
            return
        try:
            self.adopt(json.loads(path.read_text()))
        except json.JSONDecodeError as exc:  # not ours (an older format, a hand edit)
            log.error("ignoring the test clock file %s: %s", path, exc)

    @staticmethod
    def offset_to(now: datetime) -> float:
        """Seconds to add to the wall clock so that it reads ``now``."""
        return (now - datetime.now(UTC)).total_seconds()


clock = Clock()  # one per process: a process is one service instance
