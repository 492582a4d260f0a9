"""The command line: thin Typer commands over the services. Commands import the services (SQLAlchemy), the
renderers (Rich) and the JSON shapes when they run, so `swtracker --help` loads neither (start-up time;
tests/cli/test_app.py holds it); modules of their own layer that cost nothing (errors, domain) are imported at
the top."""

from swtracker.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
