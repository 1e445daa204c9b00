"""The API reference at /api/docs: the console's page (Swagger UI, built into
dist/api-docs/) under the console's headers, though under /api/, where any other unknown
path is still the API's JSON 404."""

import gzip

import pytest

from tests.api import V1, error

REFERENCE = "<!DOCTYPE html><main id=swagger-ui></main>"
SWAGGER_UI = "window.SwaggerUIBundle = function () {};\n" * 100


@pytest.fixture
def gateway(behind_gateway, tmp_path):
    built = tmp_path / "dist"
    (built / "api-docs").mkdir(parents=True)
    (built / "index.html").write_text("<!DOCTYPE html><div id=app></div>", encoding="utf-8")
    (built / "routes.json").write_text('["/", "/board"]', encoding="utf-8")
    (built / "api-docs" / "index.html").write_text(REFERENCE, encoding="utf-8")
    (built / "api-docs" / "swagger-ui-bundle.js").write_text(SWAGGER_UI, encoding="utf-8")
    (built / "api-docs" / "swagger-ui-bundle.js.gz").write_bytes(gzip.compress(
        SWAGGER_UI.encode()))
    api, _ = behind_gateway(XIAONENG_CONSOLE_DIR=str(built))
    return api


def test_the_reference_is_served_at_api_docs_under_the_console_headers(gateway):
    for path in ("/api/docs", "/api/docs/"):
        page = gateway.request("GET", path)
        assert (page.status_code, page.text) == (200, REFERENCE), path
        assert page.headers["Content-Type"].startswith("text/html")
        assert page.headers["X-Content-Type-Options"] == "nosniff"
        assert "script-src 'self';" in page.headers["Content-Security-Policy"]
        assert page.headers["X-Frame-Options"] == "DENY"
        assert page.headers["Cache-Control"] == "no-cache" and page.headers["ETag"]


def test_swagger_ui_goes_out_compressed_and_revalidated(gateway):
    script = gateway.request("GET", "/api/docs/swagger-ui-bundle.js",
                             headers={"Accept-Encoding": "gzip"})
    assert (script.status_code, script.headers["Content-Encoding"]) == (200, "gzip")
    assert script.text == SWAGGER_UI  # requests unpacks it
    assert script.headers["Content-Type"].startswith("text/javascript")
    assert "script-src 'self';" in script.headers["Content-Security-Policy"]
    again = gateway.request("GET", "/api/docs/swagger-ui-bundle.js", headers={
        "Accept-Encoding": "gzip", "If-None-Match": script.headers["ETag"]})
    assert (again.status_code, again.content) == (304, b"")


def test_a_missing_file_of_the_reference_gets_the_not_found_page(gateway):
    missing = gateway.request("GET", "/api/docs/no-such.js")
    assert missing.status_code == 404 and "<div id=app>" in missing.text


def test_other_unknown_api_paths_stay_the_apis_json_404(gateway):
    for path in ("/api/docsx", "/api/doc", f"{V1}/docs", "/api/v2/docs"):
        assert error(gateway.request("GET", path)) == (404, "not_found"), path
    assert error(gateway.request("POST", "/api/docs")) == (404, "not_found")  # only read
