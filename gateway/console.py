"""The web console (console/dist, built by ``make run``) served at ``/``: a built file as
it is, any other page path the index (the console routes in the browser), and the
security headers of API.md (no inline script, not framed but for the lobby board)."""

import mimetypes

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
    if not wanted.is_relative_to(root) or not wanted.is_file():
        wanted = root / "index.html"
    if not wanted.is_file():
        return json_response(404, {"error": {
            "code": "console_not_built", "message": "the console is not built: make run builds it",
            "details": {}}})
    response = Response(wanted.read_bytes(),
                        mimetype=mimetypes.guess_type(wanted.name)[0] or "application/octet-stream")
    hashed = wanted.parent.name == "assets"  # names carry their content hash
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable" if hashed \
        else "no-cache"
    return with_page_headers(response, path.split("/")[0] in FRAMEABLE)


def with_page_headers(response, frameable=False):
    response.headers["Content-Security-Policy"] = CSP.format(
        frames="'self'" if frameable else "'none'")
    response.headers["X-Frame-Options"] = "SAMEORIGIN" if frameable else "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    return response
