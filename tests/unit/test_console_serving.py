"""The gateway serves files of the built console only: a path that climbs out of it
gets the index page, never the file (HTTP clients normalise such paths, so this is
asked of the function itself)."""

from gateway import console


def test_a_path_outside_the_console_gets_the_index_not_the_file(tmp_path):
    built = tmp_path / "dist"
    built.mkdir()
    (built / "index.html").write_text("<!DOCTYPE html>index", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("do not serve", encoding="utf-8")
    for path in ("../secret.txt", "assets/../../secret.txt", "/etc/passwd", "board\x00.txt"):
        assert console.page(built, path).get_data(as_text=True) == "<!DOCTYPE html>index"


def test_an_unbuilt_console_says_so(tmp_path):
    response = console.page(tmp_path / "missing", "board")
    assert (response.status_code, response.json["error"]["code"]) == (404, "console_not_built")
