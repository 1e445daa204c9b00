"""我的待办 in accountability: a person's own recorded violation is theirs to explain; the
same violation once contested is, for a leader, an explanation to judge (step ``judge``,
申辩待审) — the two read differently though both are of kind ``violation``."""

from datetime import UTC, datetime

import pytest

from services.accountability import todo
from services.accountability.models import Violation

NINE = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


def violation(status="recorded"):
    return Violation(id="v1", staff_id="a", kind="overdue", status=status, occurred_at=NINE,
                     contested_at=NINE if status == "contested" else None)


def test_ones_own_violation_is_to_explain_and_a_contested_one_to_judge():
    own, to_judge = todo.violation_item(violation()), \
        todo.violation_item(violation("contested"), step="judge")
    assert (own["kind"], own["title"], own["step"]) == ("violation", "超时办理", None)
    assert (to_judge["kind"], to_judge["title"], to_judge["step"]) == (
        "violation", "超时办理", "judge")


def test_a_step_outside_the_vocabulary_is_refused():
    with pytest.raises(ValueError, match="decide"):
        todo.violation_item(violation(), step="decide")
