"""The API reference at /api/docs in a real Chromium: Swagger UI, served from the console's
build under its policy, lists the gateway's operations from /api/v1/openapi.json and calls
one, asks nothing of another origin, and nothing it does is refused by the policy."""

from urllib.parse import urlsplit

from tests.browser.conftest import shot


def origin(url):
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


def test_the_reference_lists_the_operations_calls_one_and_asks_nothing_of_elsewhere(
        tab, system, tmp_path):
    refused, elsewhere, failed, compressed = [], [], [], {}
    tab.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))
    # data: URLs (Swagger UI's icons) are no origin's; anything else must be the gateway's
    tab.on("request", lambda r: r.url.startswith("http") and origin(r.url) !=
           origin(system.url) and elsewhere.append(r.url))
    tab.on("requestfailed", lambda r: failed.append(f"{r.url} {r.failure}"))
    tab.on("response", lambda r: r.status >= 400 and failed.append(f"{r.url} {r.status}"))
    tab.on("response", lambda r: compressed.setdefault(
        urlsplit(r.url).path, r.headers.get("content-encoding")))

    page = tab.goto("/api/docs")
    assert page.status == 200
    assert "script-src 'self';" in page.headers["content-security-policy"]
    for path, summary in (("/api/v1/auth/token", "log in"),
                          ("/api/v1/stats/overview", "statistics of a period")):
        operation = tab.locator(f".opblock-summary:has(.opblock-summary-path[data-path='{path}'])")
        operation.first.wait_for()
        assert summary in operation.first.inner_text(), path
    # tried from the page: the policy lets Swagger UI call the gateway it came from
    tab.locator(".opblock-summary-path[data-path='/api/v1/auth/token']").click()
    tab.click(".opblock.is-open button:has-text('Try it out')")
    tab.fill(".opblock.is-open textarea.body-param__text",
             '{"username": "admin", "password": "admin"}')
    tab.click(".opblock.is-open button:has-text('Execute')")
    tab.wait_for_selector(".live-responses-table .response-col_status:has-text('200')")
    assert "access_token" in tab.locator(".live-responses-table .microlight").first.inner_text()

    assert not refused, refused
    assert not elsewhere, elsewhere
    assert not failed, failed
    assert compressed["/api/docs/swagger-ui-bundle.js"] == "br"  # the build's own copy
    assert compressed["/api/docs/swagger-ui.css"] == "br"
    shot(tab, tmp_path, "api_docs")
