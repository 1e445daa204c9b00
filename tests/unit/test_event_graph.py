"""The event graph is read from the code (xiaoneng.event_graph), and docs/events.md is that
graph: regenerated here and compared, so the document cannot drift from the code."""

from pathlib import Path

import pytest

from xiaoneng import event_docs
from xiaoneng.emits import Index
from xiaoneng.event_graph import Consumer, Graph, graph
from xiaoneng.topology import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def found():
    return graph()


def edges(found):
    return {(p, e, str(c)) for p, e, c in found.edges}


def test_docs_events_md_is_what_the_code_says(found):
    assert (ROOT / "docs/events.md").read_text() == event_docs.markdown(found), \
        "docs/events.md is stale: run `make events`"


def test_an_overdue_document_reaches_accountability_and_notifications(found):
    assert {("documents", "overdue", "accountability.on_overdue"),
            ("documents", "overdue", "notifications.on_document_overdue")} <= edges(found)


def test_work_handed_in_by_outside_systems_reaches_documents_and_inquiries(found):
    assert {("intake", "document.received", "documents.on_document_received"),
            ("intake", "complaint.received", "inquiries.on_complaint_received")} \
        <= edges(found)


def test_the_gateway_hears_staff_changes_and_every_process_the_test_clock(found):
    assert ("posts", "staff_changed", "gateway.on_staff_changed (broadcast)") in edges(found)
    hearing = {c for p, e, c in edges(found) if (p, e) == ("gateway", "clock_set")}
    assert hearing == {f"{party}.on_clock_set (broadcast)" for party in (
        "posts", "attendance", "documents", "inquiries", "accountability", "notifications",
        "gateway")}


def test_work_the_chassis_raises_for_a_service_counts_as_the_services(found):
    assert {("documents", "work_routed"), ("inquiries", "work_routed"),
            ("attendance", "work_urged"), ("accountability", "todo_added"),
            ("notifications", "write_recorded")} <= found.raised
    assert ("attendance", "work_routed") not in found.raised


def test_the_events_nobody_consumes_are_the_violations_and_the_extension_letter(found):
    assert found.unconsumed == [
        ("accountability", "violation_contested"), ("accountability", "violation_recorded"),
        ("accountability", "violation_upheld"), ("accountability", "violation_waived"),
        ("documents", "extension_notified")]


def test_no_consumer_waits_for_an_event_nobody_raises(found):
    assert found.orphans == []


def test_every_contract_is_raised_and_only_the_test_clock_has_none(found):
    assert found.never_raised == []
    assert found.undeclared == [("gateway", "clock_set")]


def test_every_emit_in_the_code_says_which_event_it_raises(found):
    assert found.unreadable == ()


def test_the_graph_prints_one_line_per_edge_under_its_heading(capsys):
    main(["--graph"])
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("# producer -> event -> consumer (")
    assert "documents -> overdue -> accountability.on_overdue" in printed
    assert printed[printed.index("# events nobody consumes (5)") + 5] \
        == "documents -> extension_notified"


def test_the_command_needs_to_be_told_what_to_print(capsys):
    with pytest.raises(SystemExit) as refused:
        main([])
    assert refused.value.code == 2
    assert "--graph" in capsys.readouterr().err


def test_disagreements_are_each_listed_under_their_heading():
    disagreeing = Graph(
        declared={("posts", "post_changed"): None, ("posts", "post_moved"): None},
        raised=frozenset({("posts", "post_changed"), ("gateway", "clock_set")}),
        consumers=(Consumer("posts", "post_changed", "documents.on_post_changed", False),
                   Consumer("posts", "post_gone", "inquiries.on_post_gone", False)),
        unreadable=("services/posts/x.py:3",))
    assert event_docs.text(disagreeing).split("\n\n") == [
        "# producer -> event -> consumer (1)\n"
        "posts -> post_changed -> documents.on_post_changed",
        "# events nobody consumes (2)\ngateway -> clock_set\nposts -> post_moved",
        "# consumers of events nobody produces (1)\n"
        "posts -> post_gone -> inquiries.on_post_gone",
        "# declared in contracts/ but never raised (1)\nposts -> post_moved",
        "# raised without a contract (1)\ngateway -> clock_set",
        "# emits whose event type the source does not say (1)\nservices/posts/x.py:3\n"]


def write(root, files):
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    for package in ("chassis", "services", "services/posts", "tests"):
        (root / package / "__init__.py").touch()


HELPERS = '''
from chassis.uow import Work

def announce(work):
    work.emit("todo_added", {})

def never_called(work):
    work.emit("forgotten", {})

class Provider:
    def get_dependency(self):
        return Work()
'''
UOW = '''
class Work:
    def __exit__(self):
        self.audit()

    def audit(self):
        self.emit("write_recorded", {})
'''


def raised_in_posts(tmp_path, service):
    write(tmp_path, {"chassis/helpers.py": HELPERS, "chassis/uow.py": UOW,
                     "services/posts/service.py": service,
                     "services/posts/migrations/one.py": 'work.emit("migrated", {})',
                     "tests/fake.py": 'work.emit("faked", {})'})
    return Index({"emit"}, root=tmp_path).raised_in("services.posts")


def test_a_service_raises_what_the_helpers_it_calls_and_the_classes_it_makes_raise(tmp_path):
    sites = raised_in_posts(tmp_path, '''
from chassis import helpers
from chassis.helpers import Provider as Made

class PostsService:
    uow = Made()

    def act(self, work):
        helpers.announce(work)
        work.emit("post_changed", {})
''')
    assert sorted(s.literal for s in sites) == ["post_changed", "todo_added", "write_recorded"]
    assert {s.where for s in sites if s.literal == "post_changed"} \
        == {"services/posts/service.py:10"}


def test_an_f_string_is_a_pattern_and_any_other_type_is_unreadable(tmp_path):
    sites = raised_in_posts(tmp_path, '''
def judge(work, status, kind):
    work.emit(f"post_{status}", {})
    work.emit(kind, {})
''')
    assert [(s.literal, s.pattern) for s in sites] == [(None, "post_.+"), (None, None)]
