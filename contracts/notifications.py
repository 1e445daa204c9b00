"""Events raised by notifications: only its audit entries (it tells people; nobody needs
to hear from it)."""

from contracts.common import WriteRecorded

SCHEMAS = {
    "write_recorded": WriteRecorded,
}
