"""One error hierarchy for the library; only the CLI turns it into exit codes.

    KGError                      any expected failure; message names the problem and the fix
    ├── InputError               an article file or folder cannot be read (exit 2)
    ├── ResourceError            a language data file or the ontology is malformed (exit 3)
    ├── GraphError               a graph file cannot be loaded or written (exit 4)
    ├── QueryError               a SPARQL query is malformed or not read-only (exit 5)
    ├── EvalError                a gold folder is missing or malformed (exit 6)
    ├── UnknownEntityError       a name (kg viz --focus) matches no entity of the graph (exit 7)
    └── SettingsError            a KG_* environment variable has a value that cannot be used (exit 8)

Besides these the CLI exits 2 for usage errors, 74 when its output cannot be written (disk
full, closed pipe), 130 when interrupted and 70 for an internal error (a bug: please report).
"""

from __future__ import annotations


class KGError(Exception):
    """An expected failure whose message says what went wrong and how to fix it."""

    exit_code = 1


class InputError(KGError):
    exit_code = 2


class ResourceError(KGError):
    exit_code = 3


class GraphError(KGError):
    exit_code = 4


class QueryError(KGError):
    exit_code = 5


class EvalError(KGError):
    exit_code = 6


class UnknownEntityError(KGError):
    """`focus` names no entity of the graph; the message lists names that do exist."""

    exit_code = 7


class SettingsError(KGError):
    exit_code = 8
