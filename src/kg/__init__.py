"""statement-kg: official statements into an attributed knowledge graph."""

__version__ = "0.1.0"
