"""The web console (console/dist, built by ``make run``) served at ``/``: a built file as
it is, a page path of the console's router the index (the console routes in the
browser), any other path the index with 404 (the console shows its not-found page), and
the security headers of API.md (no inline script, not framed but for the lobby board)."""

import json
import mimetypes
import re
from functools import cache

from werkzeug.wrappers import Response

from contracts import storable
from gateway.errors import json_response

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
       "base-uri 'self'; form-action 'self'; frame-ancestors {frames}")
FRAMEABLE = ("board",)  # the lobby board may be framed by the same origin


def page(console_dir, path):
    """``path`` without its leading slash."""
    root = console_dir.resolve()
    # a path that cannot name a file (a NUL in it) is any unknown page: the index
    wanted = (root / path).resolve() if path and storable(path) else root / "index.html"
    status = 200
    if not wanted.is_relative_to(root) or not wanted.is_file():
        wanted = root / "index.html"
        status = 200 if is_page(root, "/" + path) else 404
    if not wanted.is_file():
        return json_response(404, {"error": {
            "code": "console_not_built", "message": "the console is not built: make run builds it",
            "details": {}}})
    response = Response(wanted.read_bytes(), status=status,
                        mimetype=mimetypes.guess_type(wanted.name)[0] or "application/octet-stream")
    hashed = wanted.parent.name == "assets"  # names carry their content hash
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable" if hashed \
        else "no-cache"
    return with_page_headers(response, path.split("/")[0] in FRAMEABLE)


def is_page(root, path):
    """Whether ``path`` is one of the console's pages (dist/routes.json, written by the
    build from the router table; ``/documents/:id`` matches any one segment)."""
    return any(pattern.fullmatch(path.rstrip("/") or "/") for pattern in page_patterns(root))


@cache
def page_patterns(root):
    listed = root / "routes.json"
    paths = json.loads(listed.read_text(encoding="utf-8")) if listed.is_file() else ["/"]
    return [re.compile(re.sub(r":\w+", "[^/]+", re.escape(p).replace("\\:", ":")))
            for p in paths]


def with_page_headers(response, frameable=False):
    response.headers["Content-Security-Policy"] = CSP.format(
        frames="'self'" if frameable else "'none'")
    response.headers["X-Frame-Options"] = "SAMEORIGIN" if frameable else "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    return response
