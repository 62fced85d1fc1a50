"""``python -m kg``: the same command line as the ``kg`` script."""

from kg.cli import cli

if __name__ == "__main__":
    cli(prog_name="kg")
