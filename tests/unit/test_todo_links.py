"""The console page of a to-do item comes from its kind, in one table (contracts/todo.py),
and every page it names is one the console has."""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from contracts.common import URGE_KINDS
from contracts.todo import PAGES, RECORDS, link, todo_item
from contracts.vocabulary import TODO_KINDS

ROUTER = Path(__file__).resolve().parents[2] / "console" / "src" / "router" / "index.ts"
SINCE = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
NAMING_THEIR_RECORD = {"approve_absence", "return_report", "urge"}


def console_paths():
    """The console router's paths as regular expressions (``:id`` any segment)."""
    paths = re.findall(r"path: '([^']+)'", ROUTER.read_text())
    return [re.compile(re.sub(r":\w+", "[^/]+", p) + "$") for p in paths if "(" not in p]


def test_every_kind_of_item_is_about_a_record_with_a_page_or_names_it():
    assert set(RECORDS) | NAMING_THEIR_RECORD == set(TODO_KINDS)
    assert set(RECORDS.values()) | set(URGE_KINDS) <= set(PAGES)


@pytest.mark.parametrize("record", sorted(PAGES))
def test_every_page_is_one_the_console_has(record):
    page = PAGES[record].format(id="r-1")
    assert any(path.match(page) for path in console_paths()), page


def test_an_item_is_linked_by_its_kind_or_the_record_it_names():
    assert link(todo_item("sign", "o-1", "关于印发方案的通知", SINCE)) == "/documents/outgoing/o-1"
    assert link(todo_item("approve_absence", "a-1", "张三", SINCE, record="leave_request")) == \
        "/absences/leave/a-1"
    assert link(todo_item("urge", "i-1", "能否登记？", SINCE, record="inquiry")) == "/inquiries/i-1"
    assert link(todo_item("referral", "q-1", "能否登记？", SINCE, on="app-1")) == \
        "/applications/app-1"


def test_an_item_asks_only_for_a_step_the_vocabulary_names():
    assert todo_item("number_print", "o-1", "关于印发方案的通知", SINCE, step="print")["step"] == \
        "print"
    with pytest.raises(ValueError, match="step"):
        todo_item("number_print", "o-1", "关于印发方案的通知", SINCE, step="送印")


def test_an_item_says_what_it_is_not_where_it_is_shown():
    item = todo_item("document", "d-1", "关于核定编制的函", SINCE)
    assert "link" not in item and item["title"] == "关于核定编制的函"
