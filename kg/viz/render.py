"""View model → one self-contained HTML page (the only module that imports pyvis).

The network (nodes, edges, options) is constructed with pyvis; the page itself is our own
template, because pyvis's template loads Bootstrap and vis-network from CDNs. That template and
the page's own CSS and JavaScript are static files beside this module (page.html, page.css,
page.js: package data, read once per process); everything that depends on the graph reaches the
page as JSON (`%%VIEW_JSON%%`, `%%VIS_JSON%%`). vis-network's JavaScript and CSS are inlined
from the copy pyvis ships, so the file opens offline and holds no http:// or https:// reference
at all (URL-like strings inside the library and the data are
written as `:\\/\\/`, which JavaScript and JSON read as `://`).

Untrusted text (article sentences, labels) only ever travels as JSON inside
`<script type="application/json">` with `<`, `>`, `&` and `/` escaped, and the page builds its
DOM with textContent, never innerHTML.
"""

from __future__ import annotations

import functools
import json
import re
from collections import defaultdict
from importlib.resources import files
from pathlib import Path
from typing import Any

import pyvis
from pyvis.network import Network

from kg.errors import GraphError

__all__ = ["render_html", "vis_network_assets"]

_VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
_FONT = "'Noto Sans Arabic', 'Noto Naskh Arabic', 'Noto Sans', 'DejaVu Sans', sans-serif"

_OPTIONS: dict[str, Any] = {
    "autoResize": True,
    "nodes": {
        "borderWidth": 1,
        "font": {"face": _FONT, "size": 15, "color": "#1b1b1b", "strokeWidth": 4, "strokeColor": "#ffffff"},
    },
    "edges": {
        "smooth": False,
        "width": 1.6,
        "selectionWidth": 2.5,
        "hoverWidth": 1.0,
        "font": {"face": _FONT, "size": 12, "align": "middle", "strokeWidth": 3, "strokeColor": "#ffffff"},
    },
    "layout": {"randomSeed": 7, "improvedLayout": True},
    "interaction": {"hover": True, "tooltipDelay": 200, "navigationButtons": False, "multiselect": False},
    "physics": {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 140, "avoidOverlap": 0.4},
        "stabilization": {"enabled": True, "iterations": 250, "updateInterval": 50, "fit": True},
    },
}


def vis_network_assets() -> tuple[str, str]:
    """(JavaScript, CSS) of the vis-network copy bundled with pyvis, made safe to inline."""
    try:
        js = (_VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
        css = (_VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    except OSError as exc:  # pragma: no cover - broken pyvis install
        raise GraphError(f"pyvis's bundled vis-network is missing ({exc}); reinstall pyvis>=0.3.2") from exc
    # every "://" in the library sits inside a string literal or a comment, where ":\/\/" reads the same
    # and "</script" (none today) would end the inline element early
    js = js.replace("://", ":\\/\\/")
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    css = re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)
    return js, css


def _json_for_script(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("/", "\\/")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _pyvis_network(view: dict[str, Any]) -> Network:
    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    for node in view["nodes"]:
        net.add_node(
            node["id"],
            label=node["label_ar"],
            shape=node["shape"],
            color={
                "background": node["colour"],
                "border": "#333333",
                "highlight": {"background": node["colour"], "border": "#000000"},
                "hover": {"background": node["colour"], "border": "#000000"},
            },
            size=node["size"],
        )
    # parallel edges between the same two nodes are bent apart so each can be seen and clicked
    seen: dict[frozenset[str], int] = defaultdict(int)
    for edge in view["edges"]:
        pair = frozenset((edge["from"], edge["to"]))
        k = seen[pair]
        seen[pair] += 1
        options: dict[str, Any] = {
            "id": edge["id"],
            "color": {"color": edge["colour"], "highlight": edge["colour"], "hover": edge["colour"]},
            "dashes": bool(edge["dashes"]),
            "arrows": {"to": {"enabled": bool(edge["arrows"]), "scaleFactor": 0.7}},
            "width": 1.2 + min(len(edge["evidence"]), 5) * 0.4,
        }
        if k:
            options["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if k % 2 else "curvedCCW",
                "roundness": 0.2 + 0.15 * ((k - 1) // 2),
            }
        net.add_edge(edge["from"], edge["to"], **options)
    net.options = json.loads(json.dumps(_OPTIONS))
    return net


def render_html(view: dict[str, Any], path: Path, *, title: str = "رسم المعرفة") -> Path:
    """Write the view model as one self-contained HTML page at `path`; return the path."""
    net = _pyvis_network(view)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    vis_data = {"nodes": nodes, "edges": edges, "options": json.loads(options)}
    js, css = vis_network_assets()
    html = _fill(
        _template(),
        {
            "TITLE": _escape_text(title),
            "VIS_CSS": css,
            "PAGE_CSS": _page_css(),
            "VIEW_JSON": _json_for_script(view),
            "VIS_JSON": _json_for_script(vis_data),
            "PAGE_JS": _page_js(),
            "VIS_JS": js,
        },
    )
    lowered = html.lower()
    for scheme in ("http://", "https://"):
        if scheme in lowered:  # pragma: no cover - guarded by construction
            raise GraphError(f"the rendered page would reference {scheme}…; refusing to write {path}")
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise GraphError(f"cannot write the graph page {path}: {exc}; choose a writable --out path") from exc
    return path


_PLACEHOLDER = re.compile(r"%%([A-Z_]+)%%")


def _fill(template: str, values: dict[str, str]) -> str:
    """Substitute every `%%NAME%%` of `template` in one pass.

    Substituted values are never scanned again, so article text (inside the view JSON or the
    title) that happens to contain a placeholder stays literal text.
    """
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@functools.cache
def _page_asset(name: str) -> str:
    """The text of one of the page's own files (page.html, page.css, page.js), package data of kg.viz."""
    try:
        return (files("kg.viz") / name).read_text(encoding="utf-8")
    except OSError as exc:  # pragma: no cover - broken install
        message = f"the graph page's {name} is missing from kg.viz ({exc}); reinstall arabic-kg"
        raise GraphError(message) from exc


def _template() -> str:
    """The page's HTML with its `%%NAME%%` placeholders."""
    return _page_asset("page.html")


def _page_css() -> str:
    return _page_asset("page.css")


def _page_js() -> str:
    return _page_asset("page.js")
