"""The RDF layer: the only part of kg that turns facts into triples."""
