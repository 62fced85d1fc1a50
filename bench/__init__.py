"""Benchmarks of statement-kg: a seeded statement generator and a runner that prints a table."""
