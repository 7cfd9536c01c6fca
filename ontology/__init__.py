"""The ontology files as package data: installed as `kg._ontology` (see pyproject.toml's
[tool.setuptools.package-dir]), so `kg.ontology` finds industry.ttl, entities.ttl and the example
queries with importlib.resources in a wheel install as in a checkout. No code lives here."""
