"""arabic-kg: a knowledge-graph builder for Arabic technology news.

The library API (the `kg` command is a thin skin over it)::

    import kg
    results = kg.extract(["article.txt"])               # list[DocumentResult]
    report = kg.build(["articles/"], "out")             # out/graph.ttl, graph.html, report.json
    graph = kg.load_graph("out/graph.ttl")
    print(kg.format_result(kg.query(graph, "SELECT ?s WHERE { ?s ind:investsIn ?o }")))
    kg.export(graph, "jsonld", "out/graph.jsonld")
    kg.viz(graph, "focus.html", focus="إنفيديا", depth=2)
    kg.stats(graph)                                      # plain dict
    kg.evaluate("gold/", ["articles/"])                  # precision, recall, F1

Functions that take a graph also accept the path of a graph file. Every expected failure is a
KGError subclass (see kg.errors) whose message names the problem and the fix.

Heavy libraries (rdflib, pyvis, camel-tools) are imported only when a function needs them, so
`import kg` and `kg --help` stay fast.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

from kg.errors import (
    EvalError,
    GraphError,
    InputError,
    KGError,
    QueryError,
    ResourceError,
    SettingsError,
    UnknownEntityError,
)

if TYPE_CHECKING:
    from kg.build import BuildReport, DocumentReport, Extraction, NothingBuilt
    from kg.io import Skipped
    from kg.model import Amount, Document, DocumentResult, Entity, Fact, Mention, Sentence

__version__ = "0.1.0"

__all__ = [
    "Amount", "BuildReport", "Document", "DocumentReport", "DocumentResult", "Entity", "EvalError",
    "Extraction", "Fact", "GraphError", "InputError", "KGError", "Mention", "NothingBuilt",
    "QueryError", "ResourceError", "Sentence", "SettingsError", "Skipped", "UnknownEntityError",
    "__version__", "build", "evaluate", "evaluate_ner", "export", "extract", "format_result",
    "load_graph", "query", "records", "score_records", "stats", "viz",
]


# kg.build, kg.extract, kg.viz and kg.stats are both API functions and subpackages/modules. Importing a
# submodule binds its name on the parent package, which would replace the function; this guard
# keeps the functions. `from kg.viz.view import build_view` works as ever; the dotted form
# `kg.viz.view` (after `import kg.viz.view`) does not, since `kg.viz` is the function.
_FUNCTIONS_OVER_MODULES = frozenset({"build", "extract", "stats", "viz"})


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        if name in _FUNCTIONS_OVER_MODULES and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

from kg.api import (  # noqa: E402  (after the guard above, which keeps these functions)
    build,
    evaluate,
    evaluate_ner,
    export,
    extract,
    format_result,
    load_graph,
    query,
    records,
    score_records,
    stats,
    viz,
)

# the data classes load on first use, so that `import kg` (and the `kg` command's first
# milliseconds, before it can catch Ctrl-C) costs next to nothing
_LAZY = {
    **dict.fromkeys(("BuildReport", "DocumentReport", "Extraction", "NothingBuilt"), "kg.build"),
    "Skipped": "kg.io",
    **dict.fromkeys(("Amount", "Document", "DocumentResult", "Entity", "Fact", "Mention", "Sentence"),
                    "kg.model"),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute '{name}'")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
