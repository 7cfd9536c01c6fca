"""How long the graph page takes to open: navigation start → physics stabilised and stopped.

Renders the page for a graph file (any rdflib format, guessed from the extension) or for a
synthetic graph, opens it in headless Chromium (Debian's /usr/bin/chromium) and reads
`window.kgReadyAt`, which the page sets to performance.now() when stabilisation is done.
Prints one number per run (milliseconds) and the median.

    .venv/bin/python benchmarks/viz_open.py out/graph.ttl --max-nodes 150 --runs 3
    .venv/bin/python benchmarks/viz_open.py --synthetic 400 --max-nodes 150
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.namespaces import IND, KGR  # noqa: E402
from kg.viz.render import render_html  # noqa: E402
from kg.viz.view import build_view  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def synthetic_graph(n: int, seed: int = 1) -> Graph:
    """n companies with ~2n claimed facts over 4 predicates, each with one assertion node."""
    rng = random.Random(seed)
    g = Graph()
    predicates = ["investsIn", "partnersWith", "acquires", "supplies"]
    for name in predicates:
        g.add((IND[name], RDF.type, OWL.ObjectProperty))
        g.add((IND[name], RDFS.label, Literal(name, lang="en")))
    g.add((IND.partnersWith, RDF.type, OWL.SymmetricProperty))
    for i in range(n):
        g.add((KGR[f"c{i}"], RDF.type, IND.Company))
        g.add((KGR[f"c{i}"], RDFS.label, Literal(f"شركة {i}", lang="ar")))
    for j in range(2 * n):
        s, o = rng.randrange(n), rng.randrange(n)
        if s == o:
            continue
        p = IND[rng.choice(predicates)]
        a = KGR[f"assertion/{j}"]
        g.add((KGR[f"c{s}"], p, KGR[f"c{o}"]))
        for prop, value in (
            (RDF.type, RDF.Statement),
            (RDF.subject, KGR[f"c{s}"]),
            (RDF.predicate, p),
            (RDF.object, KGR[f"c{o}"]),
            (IND.sentence, Literal(f"جملة رقم {j}", lang="ar")),
            (IND.sentenceStart, Literal(0)),
            (IND.status, Literal("asserted")),
            (IND.confidence, Literal(0.5)),
        ):
            g.add((a, prop, value))
    return g


def measure(page_path: Path, runs: int, timeout_s: float) -> list[float]:
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1400, "height": 850})
                page.goto(page_path.as_uri())
                page.wait_for_selector("body[data-ready='1']", state="attached", timeout=timeout_s * 1000)
                results.append(float(page.evaluate("() => window.kgReadyAt")))
                page.close()
        finally:
            browser.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("graph", nargs="?", type=Path, help="graph file (Turtle, N-Triples, TriG…)")
    parser.add_argument("--synthetic", type=int, metavar="N", help="a random graph of N companies instead")
    parser.add_argument("--max-nodes", type=int, default=150)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per run")
    args = parser.parse_args(argv)
    if (args.graph is None) == (args.synthetic is None):
        parser.error("give a graph file or --synthetic N")

    started = time.perf_counter()
    if args.synthetic is not None:
        graph = synthetic_graph(args.synthetic)
    else:
        graph = Graph()
        graph.parse(args.graph)
    view = build_view(graph, max_nodes=args.max_nodes)
    built = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        page = render_html(view, Path(tmp) / "graph.html")
        rendered = time.perf_counter()
        size = page.stat().st_size
        times = measure(page, args.runs, args.timeout)
    print(
        f"nodes={len(view['nodes'])} edges={len(view['edges'])} hidden_nodes={view['hidden']['nodes']} "
        f"build_view={built - started:.2f}s render={rendered - built:.2f}s page={size / 1e6:.2f}MB",
        file=sys.stderr,
    )
    for t in times:
        print(f"{t:.0f}")
    print(f"median_ms {statistics.median(times):.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
