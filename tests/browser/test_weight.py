"""The console is light where people first meet it: the sign-in page costs at most 300 KiB
of JavaScript over the wire, as Chromium fetches it (its own Accept-Encoding), and the
hashed scripts come compressed and cached for a year."""

from urllib.parse import urlsplit

BUDGET = 300 * 1024  # bytes of script, headers and compressed bodies, for /login
IMMUTABLE = "public, max-age=31536000, immutable"


def scripts_fetched(tab, path, ready):
    """Every script response of a first visit to ``path`` (nothing cached), once ``ready``
    shows: the page cannot show before its scripts have come."""
    responses = []
    tab.on("response", lambda response: responses.append(response))
    tab.goto(path)
    tab.wait_for_selector(ready)
    return [r for r in responses if urlsplit(r.url).path.endswith(".js")]


def over_the_wire(response):
    """Bytes of the response as received: headers, and the body still compressed."""
    sizes = response.request.sizes()
    return sizes["responseHeadersSize"] + sizes["responseBodySize"]


def test_the_sign_in_page_loads_at_most_300_kib_of_script(tab):
    scripts = scripts_fetched(tab, "/login", "button:has-text('登录')")
    assert scripts, "the sign-in page fetched no script"
    weights = {urlsplit(r.url).path: over_the_wire(r) for r in scripts}
    total = sum(weights.values())
    print(f"/login: {len(weights)} scripts, {total} bytes over the wire")
    assert total <= BUDGET, f"{total} bytes of script for /login: {sorted(weights.items())}"


def test_a_hashed_script_comes_compressed_and_cached_for_a_year(tab):
    scripts = scripts_fetched(tab, "/login", "button:has-text('登录')")
    entry = tab.eval_on_selector("script[type=module]", "script => script.src")
    main = next(r for r in scripts if r.url == entry)
    headers = main.all_headers()
    assert main.status == 200
    assert headers["content-encoding"] == "br"  # Chromium takes brotli; the build wrote it
    assert headers["cache-control"] == IMMUTABLE
    assert "accept-encoding" in headers["vary"].lower()
    assert headers["content-type"].startswith("text/javascript")
    body = main.body()  # as the browser unpacked it
    assert over_the_wire(main) < len(body) / 2, "the script did not come compressed"
