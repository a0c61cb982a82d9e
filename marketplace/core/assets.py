"""Static files served like a real shop: content-hashed names, a one-year immutable cache,
minified CSS and brotli/gzip copies made once per process at start.

`url_for('static', filename='css/site.css')` gives `/static/css/site.<hash>.css`: the hash
is of the bytes served, so a changed file gets a new URL and browsers may keep every URL
for a year without asking again. The readable files in static/ stay the source; nothing is
written to disk, so there is no build step to forget. Other responses (pages, JSON) are
compressed per request by Flask-Compress (`init_app` below).
"""
import gzip
import hashlib
import mimetypes
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import brotli
import rcssmin
from flask import current_app, request
from flask_compress import Compress

HASHED_MAX_AGE = 365 * 24 * 3600  # the URL changes with the content
# Unhashed (or outdated hashed) names: only old pages and outside links ask for them.
PLAIN_MAX_AGE = 300
HASH_LENGTH = 12
ENCODINGS = ("br", "gzip")
# Smaller bodies are sent as they are: the framing would eat what compression saves.
MIN_COMPRESS_SIZE = 500
COMPRESSED_TYPES = ("text/html", "text/css", "text/javascript", "application/javascript", "application/json", "image/svg+xml")

_HASHED_NAME = re.compile(r"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{%d})(?P<suffix>\.[^./]+)$" % HASH_LENGTH)


@dataclass(frozen=True)
class Asset:
    path: str  # as in url_for('static', filename=…): "css/site.css"
    body: bytes  # what is served (minified for CSS)
    mimetype: str
    digest: str
    encoded: dict = field(default_factory=dict)  # "br"/"gzip" → compressed body, when worth it

    @property
    def hashed_path(self):
        stem, dot, suffix = self.path.rpartition(".")
        return f"{stem}.{self.digest}.{suffix}" if dot else f"{self.path}.{self.digest}"


def minified(path, body):
    if path.endswith(".css"):
        return rcssmin.cssmin(body.decode("utf-8")).encode("utf-8")
    return body


def build_asset(path, body):
    body = minified(path, body)
    mimetype = mimetypes.guess_type(path)[0] or "application/octet-stream"
    encoded = {}
    if mimetype in COMPRESSED_TYPES and len(body) >= MIN_COMPRESS_SIZE:
        for encoding, data in (("br", brotli.compress(body, quality=11)), ("gzip", gzip.compress(body, 9, mtime=0))):
            if len(data) < len(body):
                encoded[encoding] = data
    digest = hashlib.sha256(body).hexdigest()[:HASH_LENGTH]
    return Asset(path, body, mimetype, digest, encoded)


class Manifest:
    """Every file of the static folder, read once: by its plain and by its hashed name."""

    def __init__(self, folder):
        self.by_path = {}
        self.by_hashed_path = {}
        for file in sorted(Path(folder).rglob("*")):
            if file.is_file():
                stat = file.stat()
                asset = _built(file.relative_to(folder).as_posix(), str(file), stat.st_mtime_ns, stat.st_size)
                self.by_path[asset.path] = asset
                self.by_hashed_path[asset.hashed_path] = asset

    def url_path(self, path):
        asset = self.by_path.get(path)
        return asset.hashed_path if asset else path

    def find(self, requested):
        """(asset, hashed?) for a requested name; an outdated hash finds today's file, unhashed."""
        if requested in self.by_hashed_path:
            return self.by_hashed_path[requested], True
        if requested in self.by_path:
            return self.by_path[requested], False
        match = _HASHED_NAME.match(requested)
        if match:
            return self.by_path.get(match["stem"] + match["suffix"]), False
        return None, False


@lru_cache(maxsize=256)
def _built(path, filename, mtime_ns, size):
    # Keyed by the file's stat: the test suite's many apps share one build per file version.
    return build_asset(path, Path(filename).read_bytes())


def manifest(app):
    if app.debug:  # a developer editing static/ sees the change at the next page load
        app.extensions["assets"] = Manifest(app.static_folder)
    return app.extensions["assets"]


def serve(filename):
    """The `static` endpoint: the asset's body in the best encoding the browser accepts."""
    asset, hashed = manifest(current_app).find(filename)
    if asset is None:
        return current_app.send_static_file(filename)  # a file added since start, or a 404
    encoding = request.accept_encodings.best_match([*asset.encoded, "identity"])
    if encoding == "identity":
        encoding = None
    response = current_app.response_class(asset.encoded.get(encoding, asset.body), mimetype=asset.mimetype)
    if encoding:
        response.headers["Content-Encoding"] = encoding
    response.vary.add("Accept-Encoding")
    response.set_etag(f"{asset.digest}-{encoding}" if encoding else asset.digest)
    response.cache_control.public = True
    response.cache_control.max_age = HASHED_MAX_AGE if hashed else PLAIN_MAX_AGE
    if hashed:
        response.cache_control.immutable = True
    return response.make_conditional(request)


def init_app(app):
    app.extensions["assets"] = Manifest(app.static_folder)
    app.view_functions["static"] = serve

    @app.url_defaults
    def hashed_static_names(endpoint, values):
        if endpoint == "static" and "filename" in values:
            values["filename"] = manifest(app).url_path(values["filename"])

    # Pages and JSON: compressed per request. Streamed responses (send_file, CSV downloads,
    # media) pass untouched, so Range requests and their ETags stay right.
    app.config.setdefault("COMPRESS_ALGORITHM", list(ENCODINGS))
    app.config.setdefault("COMPRESS_MIMETYPES", list(COMPRESSED_TYPES))
    app.config.setdefault("COMPRESS_MIN_SIZE", MIN_COMPRESS_SIZE)
    app.config.setdefault("COMPRESS_STREAMS", False)
    Compress(app)
