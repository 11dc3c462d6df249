"""The JavaScript/CSS libraries the web UI serves, taken from ``web-assets/node_modules``.

They are installed from the npm registry at set-up time (``npm ci --prefix web-assets``) and
never fetched from a CDN at run time. Only the files listed in ``VENDOR_FILES`` are served, so
the ``/vendor/`` route cannot be used to read anything else from disk.
"""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

#: URL name under ``/vendor/`` -> path inside ``node_modules``.
VENDOR_FILES: dict[str, str] = {
    # vis-timeline's "peer" build: its "standalone" build injects <style> elements, which the
    # Content-Security-Policy blocks; the peer build takes moment and vis-data as globals
    "moment.js": "moment/min/moment.min.js",
    "vis-data.js": "vis-data/peer/umd/vis-data.min.js",
    "vis-timeline.js": "vis-timeline/peer/umd/vis-timeline-graph2d.min.js",
    "vis-timeline.css": "vis-timeline/styles/vis-timeline-graph2d.min.css",
    "cytoscape.js": "cytoscape/dist/cytoscape.min.js",
    # the /map outline: world-atlas's Natural Earth countries (TopoJSON) and its reader
    "topojson-client.js": "topojson-client/dist/topojson-client.min.js",
    "countries-110m.json": "world-atlas/countries-110m.json",
    "swagger-ui.js": "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui.css": "swagger-ui-dist/swagger-ui.css",
}

#: The one <style> element a library writes itself (cytoscape marks its container with it);
#: the Content-Security-Policy allows exactly this text by its hash.
LIBRARY_STYLE_ELEMENTS = (".__________cytoscape_container { position: relative; }",)

#: The command that installs the libraries, quoted in every "assets missing" message.
INSTALL_COMMAND = "npm ci --prefix web-assets"


def style_hashes() -> list[str]:
    """CSP source expressions (``'sha256-...'``) for ``LIBRARY_STYLE_ELEMENTS``."""
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() + "'"
        for css in LIBRARY_STYLE_ELEMENTS
    ]


def node_modules_dir() -> Path:
    """Where the npm libraries live: ``NEWSGRAPH_WEB_ASSETS`` or the checkout's web-assets/."""
    override = os.environ.get("NEWSGRAPH_WEB_ASSETS")
    base = Path(override) if override else Path(__file__).resolve().parents[3] / "web-assets"
    return base / "node_modules"


def vendor_path(name: str) -> Path | None:
    """The file behind ``/vendor/<name>``, or None when the name is not on the list."""
    relative = VENDOR_FILES.get(name)
    return node_modules_dir() / relative if relative else None


def missing_assets() -> list[str]:
    """Names of the listed library files that are not installed (empty when all are)."""
    return [name for name in VENDOR_FILES if not (vendor_path(name) or Path()).is_file()]


def missing_message(missing: list[str]) -> str:
    """One line telling the user what is missing and the command that fixes it."""
    return (
        f"web UI libraries are not installed ({', '.join(missing)} missing under "
        f"{node_modules_dir()}): run `{INSTALL_COMMAND}` in the newsgraph checkout"
    )
