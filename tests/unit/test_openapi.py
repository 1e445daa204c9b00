"""The OpenAPI document covers every route of the API (``API_PATHS``), from the services'
schemas."""

from pathlib import Path

import pytest

from gateway.openapi import document, main, tag
from gateway.service import router

API_PATHS = [
    "/auth/token", "/me", "/divisions", "/divisions/{id}", "/staff", "/staff/{id}", "/posts",
    "/posts/{id}/backups", "/posts/{id}", "/posts/{id}/handovers", "/handovers",
    "/public/signage", "/leave-notices", "/leave-notices/{id}/approve",
    "/leave-notices/{id}/reject", "/leave-notices/{id}/return", "/leave-requests",
    "/leave-requests/{id}/approve", "/leave-requests/{id}/reject",
    "/leave-requests/{id}/return", "/absence-reports", "/leave-notices/{id}",
    "/leave-notices/{id}/acknowledge", "/leave-requests/{id}/acknowledge",
    "/public/notice-board", "/documents", "/documents/{id}/assign", "/documents/{id}/return",
    "/documents/{id}/return/approve", "/documents/{id}/consultations",
    "/documents/{id}/consultations/{cid}/reply", "/documents/{id}/extensions",
    "/documents/{id}/complete", "/documents/outgoing", "/documents/outgoing/{id}/sign",
    "/documents/outgoing/{id}/number", "/documents/outgoing/{id}/print", "/documents/{id}",
    "/calendar/working-days", "/matters", "/public/matters", "/public/matters/{id}",
    "/public/commitments", "/inquiries", "/inquiries/{id}/handle", "/inquiries/{id}/guide",
    "/inquiries/{id}/redirect", "/applications", "/applications/{id}/resubmit",
    "/applications/{id}/notice", "/inquiries/{id}", "/applications/{id}",
    "/public/complaints", "/public/complaints/{id}", "/complaints",
    "/complaints/{id}/investigate", "/complaints/{id}/conclude", "/reports/commitments",
    "/violations", "/violations/{id}/contest", "/violations/{id}/uphold",
    "/violations/{id}/waive", "/cases", "/cases/{id}/decide", "/cases/{id}/dismiss",
    "/appraisals", "/appraisals/{staff_id}", "/org/warnings", "/documents/{id}/extension-letter",
    "/documents/{id}/return-letter", "/inquiries/{id}/answer", "/applications/{id}/complete",
    "/staff/{id}/deactivate", "/staff/{id}/password", "/me/password", "/me/todo",
    "/matters/{id}", "/matters/{id}/withdraw", "/applications/{id}/referrals",
    "/referrals/{id}/answer", "/public/applications/{id}",
    "/complaints/{id}", "/violations/{id}", "/cases/{id}", "/audit", "/duty-checks",
    "/admin/status", "/admin/parked", "/admin/parked/{id}/replay", "/admin/parked/{id}/discard",
    "/stats/overview",
]


def test_every_route_of_the_contract_is_in_the_document():
    paths = document(router(test_clock=False).routes)["paths"]
    missing = [p for p in API_PATHS if f"/api/v1{p}" not in paths]
    assert missing == []
    assert "/api/v1/admin/clock" not in paths


def test_schemas_of_different_services_keep_their_own_names():
    schemas = document(router(test_clock=True).routes)["components"]["schemas"]
    assert {"attendance.DecisionIn", "accountability.DecisionIn", "posts.PostIn"} <= set(schemas)
    assert "/api/v1/admin/clock" in document(router(test_clock=True).routes)["paths"]


def test_every_operation_has_a_tag_swagger_ui_groups_it_by():
    found = document(router(test_clock=True).routes)
    named = [t["name"] for t in found["tags"]]
    untagged = [(method, path) for path, operations in found["paths"].items()
                for method, operation in operations.items()
                if len(operation.get("tags", [])) != 1 or operation["tags"][0] not in named]
    assert untagged == []
    assert found["paths"]["/api/v1/me/notifications"]["get"]["tags"] == ["notifications"]
    assert found["paths"]["/api/v1/me/todo"]["get"]["tags"] == ["auth & posts"]
    assert found["paths"]["/api/v1/public/matters"]["get"]["tags"] == ["public"]


def test_a_route_outside_every_tag_is_refused_by_name():
    with pytest.raises(ValueError, match="/stamps"):
        tag("/stamps")


def test_the_consoles_copy_of_the_document_is_the_routes_own(capsys):
    """console/openapi.json, which the console's types are generated from (``make api``)."""
    main()
    fresh = capsys.readouterr().out
    committed = (Path(__file__).parents[2] / "console" / "openapi.json").read_text()
    assert committed == fresh, "console/openapi.json is stale: run make api"
