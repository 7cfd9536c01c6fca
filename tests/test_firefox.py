"""The graph page in headless Firefox (Debian's firefox-esr), driven over WebDriver BiDi.

Playwright's Firefox needs its own patched build, so this talks the W3C WebDriver BiDi
protocol that stock Firefox speaks on --remote-debugging-port, with the `websockets` client.
It checks what differs most between engines: the page loads with no script error, draws
every node and edge, and shows the hostile text as text.
"""

from __future__ import annotations

import asyncio
import base64
import json
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from kg.viz.render import render_html
from kg.viz.view import build_view

FIREFOX = shutil.which("firefox-esr") or shutil.which("firefox")
FIXTURE = Path(__file__).parent / "fixtures" / "viz-small.ttl"
ARTIFACTS = Path(__file__).parent / "artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(FIREFOX is None, reason="needs Debian's firefox-esr"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _connect(port: int, proc: subprocess.Popen[bytes], log: Path) -> Any:
    """The BiDi socket, once Firefox opens it; a fresh machine's first start can take a minute."""
    import websockets

    loop = asyncio.get_running_loop()
    deadline = loop.time() + 180
    while loop.time() < deadline:
        if proc.poll() is not None:
            break
        try:
            return await websockets.connect(f"ws://127.0.0.1:{port}/session", max_size=None)
        except OSError:
            await asyncio.sleep(0.25)
    tail = log.read_text(errors="replace")[-2000:]
    raise AssertionError(f"firefox (exit {proc.poll()}) did not open its WebDriver BiDi port;"
                         f" its log ends:\n{tail}")


async def _visit(url: str, expression: str, shot: Path) -> tuple[Any, list[str]]:
    port = _free_port()
    profile = tempfile.mkdtemp()
    log = Path(profile) / "firefox.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([str(FIREFOX), "--headless", "--no-remote", "--profile", profile,
                                 "--remote-debugging-port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT)
    errors: list[str] = []
    try:
        ws = await _connect(port, proc, log)
        counter = 0

        async def call(method: str, params: dict[str, Any]) -> dict[str, Any]:
            nonlocal counter
            counter += 1
            await ws.send(json.dumps({"id": counter, "method": method, "params": params}))
            while True:
                msg = json.loads(await asyncio.wait_for(ws.recv(), 30))
                if msg.get("method") == "log.entryAdded" and msg["params"].get("level") == "error":
                    errors.append(str(msg["params"].get("text")))
                if msg.get("id") == counter:
                    assert msg.get("type") == "success", msg
                    return dict(msg["result"])

        await call("session.new", {"capabilities": {}})
        await call("session.subscribe", {"events": ["log.entryAdded"]})
        context = (await call("browsingContext.getTree", {}))["contexts"][0]["context"]
        await call("browsingContext.setViewport", {"context": context,
                                                   "viewport": {"width": 1400, "height": 900}})
        await call("browsingContext.navigate", {"context": context, "url": url, "wait": "complete"})
        value: Any = None
        for _ in range(60):  # until the page says it has settled
            result = await call("script.evaluate", {"expression": expression, "awaitPromise": False,
                                                    "target": {"context": context}})
            value = json.loads(result["result"]["value"])
            if value.get("ready") == "1":
                break
            await asyncio.sleep(0.25)
        data = (await call("browsingContext.captureScreenshot", {"context": context}))["data"]
        shot.write_bytes(base64.b64decode(data))
        await ws.close()
        return value, errors
    finally:
        proc.kill()
        proc.wait()
        shutil.rmtree(profile, ignore_errors=True)


def test_page_works_in_firefox(tmp_path: Path) -> None:
    view = build_view(Graph().parse(FIXTURE, format="turtle"))
    page = render_html(view, tmp_path / "graph.html")
    ARTIFACTS.mkdir(exist_ok=True)
    expression = (
        "JSON.stringify({ready: document.body.getAttribute('data-ready'),"
        " nodes: window.kgNetwork ? window.kgNetwork.body.data.nodes.length : -1,"
        " edges: window.kgNetwork ? window.kgNetwork.body.data.edges.length : -1,"
        " pwned: typeof window.__pwned, text: document.body.textContent.length})")
    value, errors = asyncio.run(_visit(page.as_uri(), expression, ARTIFACTS / "graph-firefox.png"))
    assert errors == []
    assert value["ready"] == "1"
    # facts not claimed (the denied one) are hidden until asked for
    drawn = sum(1 for e in view["edges"] if e["claimed"])
    assert (value["nodes"], value["edges"]) == (len(view["nodes"]), drawn)
    assert value["pwned"] == "undefined"
