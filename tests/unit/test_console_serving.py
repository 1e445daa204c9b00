"""The gateway serves files of the built console only: a path that climbs out of it
gets the index page, never the file (HTTP clients normalise such paths, so this is
asked of the function itself). A file the build compressed goes out as the copy the
browser accepts, by the weights of its Accept-Encoding."""

import gzip

import pytest
from werkzeug.test import EnvironBuilder

from gateway import console

SCRIPT = b"export const greeting = '\xe4\xbd\xa0\xe5\xa5\xbd';\n" * 100
IMMUTABLE = "public, max-age=31536000, immutable"


def asked(method="GET", **headers):
    return EnvironBuilder(method=method, headers=headers).get_request()


def on_the_wire(response, request):
    """The body the server sends (none for HEAD, nor for 304)."""
    return b"".join(response.get_app_iter(request.environ))


@pytest.fixture
def built(tmp_path):
    """A console as the build leaves it: a hashed script with its brotli and gzip copies
    (the brotli copy's bytes only stand for it: the gateway sends them as they are)."""
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!DOCTYPE html>index", encoding="utf-8")
    (dist / "assets" / "Login-a1b2c3.js").write_bytes(SCRIPT)
    (dist / "assets" / "Login-a1b2c3.js.gz").write_bytes(gzip.compress(SCRIPT))
    (dist / "assets" / "Login-a1b2c3.js.br").write_bytes(b"brotli of the script")
    return dist


def test_a_path_outside_the_console_gets_the_index_not_the_file(tmp_path):
    built = tmp_path / "dist"
    built.mkdir()
    (built / "index.html").write_text("<!DOCTYPE html>index", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("do not serve", encoding="utf-8")
    for path in ("../secret.txt", "assets/../../secret.txt", "/etc/passwd", "board\x00.txt"):
        assert console.page(built, path, asked()).get_data(as_text=True) == \
            "<!DOCTYPE html>index"


def test_an_unbuilt_console_says_so(tmp_path):
    response = console.page(tmp_path / "missing", "board", asked())
    assert (response.status_code, response.json["error"]["code"]) == (404, "console_not_built")


@pytest.mark.parametrize(("accept_encoding", "coding"), [
    ("gzip, deflate, br, zstd", "br"),  # what Chromium sends: alike, brotli is smaller
    ("gzip, deflate", "gzip"),
    ("br;q=0.5, gzip;q=0.8", "gzip"),
    ("br;q=0, gzip", "gzip"),
    ("GZIP;Q=1", "gzip"),
    ("x-gzip", "gzip"),
    ("*", "br"),
    ("gzip;q=0, *;q=0.3", "br"),
    ("*;q=0", None),
    ("identity", None),
    ("identity;q=1, gzip;q=0.5", None),
    ("identity;q=0.5, gzip", "gzip"),
    ("deflate, zstd", None),
    ("gzip;q=high", None),
    ("gzip;q=1.5", None),
    (" , ;q=1", None),
    ("", None),
    (None, None),
])
def test_the_coding_sent_is_the_one_the_browser_weighs_highest(accept_encoding, coding):
    assert console.chosen_coding(accept_encoding, ["br", "gzip"]) == coding


def test_a_coding_the_build_did_not_write_is_never_sent():
    assert console.chosen_coding("br", ["gzip"]) is None
    assert console.chosen_coding("br, gzip", []) is None


def test_a_hashed_script_goes_out_as_brotli_to_a_browser_that_takes_it(built):
    response = console.page(built, "assets/Login-a1b2c3.js",
                            asked(**{"Accept-Encoding": "gzip, deflate, br"}))
    assert response.status_code == 200
    assert response.get_data() == b"brotli of the script"
    assert response.headers["Content-Encoding"] == "br"
    assert response.mimetype == "text/javascript"
    assert response.headers["Vary"] == "Accept-Encoding"
    assert response.headers["Cache-Control"] == IMMUTABLE


def test_gzip_is_the_script_compressed_and_no_coding_is_the_script_itself(built):
    zipped = console.page(built, "assets/Login-a1b2c3.js", asked(**{"Accept-Encoding": "gzip"}))
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.get_data()) == SCRIPT
    plain = console.page(built, "assets/Login-a1b2c3.js", asked())
    assert plain.get_data() == SCRIPT and "Content-Encoding" not in plain.headers
    assert plain.headers["Vary"] == "Accept-Encoding"  # a cache keeps the two apart
    assert plain.headers["ETag"] != zipped.headers["ETag"]


def test_a_compressed_copy_asked_for_by_name_is_not_found(built):
    response = console.page(built, "assets/Login-a1b2c3.js.gz", asked())
    assert response.status_code == 404
    assert response.get_data(as_text=True) == "<!DOCTYPE html>index"


def test_the_index_is_revalidated_and_an_unchanged_one_is_not_sent_again(built):
    first = console.page(built, "", asked())
    assert first.headers["Cache-Control"] == "no-cache"
    assert "Vary" not in first.headers  # nothing to choose between
    revalidation = asked(**{"If-None-Match": first.headers["ETag"]})
    again = console.page(built, "", revalidation)
    assert (again.status_code, on_the_wire(again, revalidation)) == (304, b"")
    changed = console.page(built, "", asked(**{"If-None-Match": '"an-older-build"'}))
    assert changed.get_data(as_text=True) == "<!DOCTYPE html>index"


def test_an_unchanged_asset_is_not_sent_again_in_the_same_coding(built):
    asset, brotli = "assets/Login-a1b2c3.js", {"Accept-Encoding": "br"}
    first = console.page(built, asset, asked(**brotli))
    again = console.page(built, asset, asked(**brotli, **{"If-None-Match": first.headers["ETag"]}))
    assert again.status_code == 304
    other = console.page(built, asset, asked(**{"Accept-Encoding": "gzip",
                                                "If-None-Match": first.headers["ETag"]}))
    assert other.status_code == 200 and other.headers["Content-Encoding"] == "gzip"


def test_an_unknown_page_is_not_answered_not_modified(built):
    tag = console.page(built, "", asked()).headers["ETag"]
    response = console.page(built, "no-such-page", asked(**{"If-None-Match": tag}))
    assert response.status_code == 404


def test_head_answers_the_headers_of_get_without_the_body(built):
    head = asked("HEAD", **{"Accept-Encoding": "gzip"})
    response = console.page(built, "assets/Login-a1b2c3.js", head)
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Content-Length"] == str(len(gzip.compress(SCRIPT)))
    assert on_the_wire(response, head) == b""


@pytest.mark.parametrize(("path", "served"), [
    ("", ""),
    ("board", "board"),
    ("assets/Login-a1b2c3.js", "assets/Login-a1b2c3.js"),
    ("api/docs", "api-docs/index.html"),
    ("api/docs/", "api-docs/index.html"),
    ("api/docs/swagger-ui.css", "api-docs/swagger-ui.css"),
    ("api/docsx", None),
    ("api/v1/docs", None),
    ("api/v1/openapi.json", None),
    ("api/", None),
])
def test_under_api_only_the_reference_is_the_consoles(path, served):
    assert console.console_path(path) == served


def test_the_reference_of_an_unbuilt_console_says_so(tmp_path):
    response = console.page(tmp_path / "missing", console.console_path("api/docs"), asked())
    assert (response.status_code, response.json["error"]["code"]) == (404, "console_not_built")
