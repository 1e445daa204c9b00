"""The OpenAPI document, generated from the route table and its marshmallow schemas.

``python -m gateway.openapi`` prints it without a running gateway (``make api`` writes it to
console/openapi.json, from which the console's types are generated)."""

import json
import re
import sys
from functools import lru_cache

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A list's Excel export (gateway.exports): the workbook instead of the JSON page.
FORMAT = {"in": "query", "name": "format", "schema": {"type": "string", "enum": ["json", "xlsx"]},
          "description": "xlsx: every matching row (limit and offset aside) as an Excel "
                         "workbook, as does an Accept of the xlsx type; over "
                         "XIAONENG_EXPORT_MAX_ROWS rows 422 export_too_large"}
ERROR = {"type": "object", "properties": {"error": {"type": "object", "properties": {
    "code": {"type": "string"}, "message": {"type": "string"},
    "details": {"type": "object"}}}}}


# Each operation's tag, for Swagger UI's groups: the domain its path's longest prefix names.
TAGS = (
    ("auth & posts", "signing in, the caller, divisions, staff, posts and handovers "
     "(岗位责任制, AB岗制)", ("/auth", "/me", "/divisions", "/staff", "/posts", "/handovers",
                           "/org")),
    ("documents", "incoming and outgoing documents (办文办事限时制)", ("/documents", "/calendar")),
    ("absences", "leave-post notices, leave requests, absences and spot checks (离岗告示制)",
     ("/leave-notices", "/leave-requests", "/absence-reports", "/duty-checks")),
    ("inquiries", "first inquiries (首问负责制)", ("/inquiries",)),
    ("applications", "matters, applications, one-time notices and referrals "
     "(服务承诺制, 一次性告知制)", ("/matters", "/applications", "/referrals")),
    ("complaints", "complaints about the office's staff", ("/complaints",)),
    ("accountability", "violations, cases, appraisals and duty reports (责任追究制)",
     ("/violations", "/cases", "/appraisals", "/duty-reports")),
    ("stats & exports", "statistics and the semi-annual check (lists export with "
     "?format=xlsx)", ("/stats", "/reports")),
    ("notifications", "the caller's notifications and settings, and 催办",
     ("/me/notifications", "/me/notification-settings", "/urges")),
    ("admin", "运维 and the audit trail, for administrators", ("/admin", "/audit")),
    ("public", "what the lobby and the public read and file without signing in",
     ("/public",)),
)


def tag(path):
    """The tag whose prefix is the longest whole-segment start of ``path``."""
    found = [(len(prefix), name) for name, _, prefixes in TAGS for prefix in prefixes
             if path == prefix or path.startswith(prefix + "/")]
    if not found:
        raise ValueError(f"no OpenAPI tag for {path}: add its prefix to gateway.openapi.TAGS")
    return max(found)[1]


def component(schema):
    """A unique component name: the service's (or gateway's) name, then the schema's."""
    schema = schema if isinstance(schema, type) else type(schema)
    parts = schema.__module__.split(".")
    if parts[:2] == ["contracts", "rpc"]:
        owner = parts[2]
    else:
        owner = parts[1] if parts[0] == "gateway" and len(parts) > 2 else parts[0]
    return f"{owner}.{schema.__name__}"


def operation_id(route):
    return re.sub(r"\W+", "_", f"{route.method.lower()}{route.path}").strip("_")


def links(route, routes):
    """What a create returns leads on: its ``id`` fills the ``{id}`` of every operation
    under its path (so a fuzzer, or a client generator, reaches past the first 404)."""
    if route.method != "POST" or route.status != 201 or "{" in route.path:
        return {}
    prefix = route.path + "/{id}"
    return {operation_id(other): {"operationId": operation_id(other),
                                  "parameters": {"id": "$response.body#/id"}}
            for other in routes if other.path == prefix or other.path.startswith(prefix + "/")}


def _operation(route, routes=()):
    response = {"description": "OK"}
    if route.response is not None:
        schema = component(route.response)
        if route.many:
            response["content"] = {"application/json": {"schema": {
                "type": "object", "properties": {
                    "items": {"type": "array", "items": {"$ref": f"#/components/schemas/{schema}"}},
                    "total": {"type": "integer"}}}}}
        else:
            response["content"] = {"application/json": {"schema": schema}}
    if route.sheet is not None:
        response["content"][XLSX] = {"schema": {"type": "string", "format": "binary"}}
    if links(route, routes):
        response["links"] = links(route, routes)
    operation = {
        "operationId": operation_id(route),
        "tags": [tag(route.path)],
        "summary": route.summary,
        "responses": {str(route.status): response, "default": {
            "description": "error", "content": {"application/json": {"schema": ERROR}}}},
        "parameters": [{"in": "path", "name": name, "required": True,
                        "schema": {"type": "string"}}
                       for name in re.findall(r"{(\w+)}", route.path)]
        + ([{"in": "query", "schema": route.query}] if route.query is not None else [])
        + ([FORMAT] if route.sheet is not None else []),
    }
    if route.body is not None:
        operation["requestBody"] = {"required": True, "content": {
            "application/json": {"schema": component(route.body)}}}
    if route.roles is not None:
        operation["security"] = [{"bearer": []}]
        operation["description"] = "roles: " + ", ".join(route.roles)
    return operation


def document(routes):
    return _document(tuple(routes))


@lru_cache(maxsize=4)
def _document(routes):
    spec = APISpec(title="Xiaoneng 效能 gateway", version="1.0.0", openapi_version="3.0.3",
                   plugins=[MarshmallowPlugin(schema_name_resolver=component)])
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer",
                                               "bearerFormat": "JWT"})
    for name, description, _ in TAGS:
        spec.tag({"name": name, "description": description})
    for schema in {s for r in routes for s in (r.body, r.response) if s is not None}:
        if component(schema) not in spec.components.schemas:  # nested ones register early
            spec.components.schema(component(schema), schema=schema)
    paths = {}
    for route in routes:
        paths.setdefault("/api/v1" + route.path, {})[route.method.lower()] = \
            _operation(route, routes)
    for path, operations in paths.items():
        spec.path(path=path, operations=operations)
    return spec.to_dict()


def main():
    """The document of the routes a production gateway serves, as stable JSON (sorted keys:
    a committed copy differs from a fresh one only where the API did)."""
    from gateway.routes import ROUTES

    json.dump(document(ROUTES), sys.stdout, ensure_ascii=False, indent=2, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
