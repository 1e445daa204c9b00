"""The web console (console/dist, built by ``make run``) served at ``/``: a built file as
it is, a page path of the console's router the index (the console routes in the
browser), any other path the index with 404 (the console shows its not-found page), and
security headers (a Content-Security-Policy: no inline script; not framed but for the lobby
board). The API reference at ``/api/docs`` is one of its pages (dist/api-docs/), though
under /api/.

The build writes a brotli and a gzip copy beside each text file (console/vite.config.ts):
the copy the browser accepts is sent in the file's stead, so nothing is compressed per
request. Hashed assets are cached for a year; everything else is revalidated (ETag)."""

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
# The API reference (Swagger UI on /api/v1/openapi.json), built into dist/api-docs/: the one
# path under /api/ that is the console's, not the API's.
DOCS = "api/docs"
# The compressed copies the build writes beside a file, in the order they are preferred
# when the browser weighs them alike (brotli is the smaller).
COPIES = {"br": ".br", "gzip": ".gz"}


def console_path(path):
    """The console's file for a path (without its leading slash) asked for by GET or HEAD,
    or None for the API's: everything under ``api/`` but the reference at ``api/docs``."""
    if path == DOCS or path.startswith(DOCS + "/"):
        return "api-docs/" + (path.removeprefix(DOCS).strip("/") or "index.html")
    return None if path.startswith("api/") else path


def page(console_dir, path, request):
    """``path`` without its leading slash; ``request`` the browser's (GET or HEAD)."""
    root = console_dir.resolve()
    # a path that cannot name a file (a NUL in it) is any unknown page: the index
    wanted = (root / path).resolve() if path and storable(path) else root / "index.html"
    status = 200
    if not wanted.is_relative_to(root) or not wanted.is_file() or is_copy(wanted):
        wanted = root / "index.html"
        status = 200 if is_page(root, "/" + path) else 404
    if not wanted.is_file():
        return json_response(404, {"error": {
            "code": "console_not_built", "message": "the console is not built: make run builds it",
            "details": {}}})
    copies = {coding: wanted.with_name(wanted.name + suffix) for coding, suffix in COPIES.items()
              if wanted.with_name(wanted.name + suffix).is_file()}
    coding = chosen_coding(request.headers.get("Accept-Encoding"), list(copies))
    sent = copies[coding] if coding else wanted
    response = Response(sent.read_bytes(), status=status,
                        mimetype=mimetypes.guess_type(wanted.name)[0] or "application/octet-stream")
    if coding:
        response.headers["Content-Encoding"] = coding
    if copies:
        response.vary.add("Accept-Encoding")
    hashed = wanted.parent.name == "assets"  # names carry their content hash
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable" if hashed \
        else "no-cache"
    if status == 200:  # each copy its own tag: a cache never mixes two encodings up
        stat = sent.stat()
        response.set_etag(f"{stat.st_mtime_ns:x}-{stat.st_size:x}")
        response.make_conditional(request)
    return with_page_headers(response, path.split("/")[0] in FRAMEABLE)


def is_copy(file):
    """A compressed copy is sent only as its file's encoding: asked for by its own name it
    would go out as the file's type in bytes the browser would not unpack."""
    return file.suffix in COPIES.values() and file.with_suffix("").is_file()


def chosen_coding(accept_encoding, available):
    """Which of the ``available`` codings (in the order preferred) to send for an
    Accept-Encoding header (RFC 9110 12.5.3), or None for the file as it is: the one the
    browser weighs highest, above zero and not below an identity it names (``*`` weighs any
    coding it does not name); no header, no coding."""
    weights = accepted_codings(accept_encoding or "")
    weight = {coding: weights.get(coding, weights.get("*", 0.0)) for coding in available}
    wanted = [coding for coding in available
              if weight[coding] > 0 and weight[coding] >= weights.get("identity", 0.0)]
    return max(wanted, key=weight.get, default=None)


def accepted_codings(accept_encoding):
    """``gzip;q=0.5, br`` as ``{"gzip": 0.5, "br": 1.0}``; a weight that is not a number
    between 0 and 1 accepts nothing."""
    weights = {}
    for item in accept_encoding.split(","):
        coding, *params = (part.strip() for part in item.split(";"))
        if not coding:
            continue
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                weight = qvalue(value.strip())
        weights[{"x-gzip": "gzip"}.get(coding.lower(), coding.lower())] = weight
    return weights


def qvalue(text):
    return float(text) if re.fullmatch(r"0(\.\d{0,3})?|1(\.0{0,3})?", text) else 0.0


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
