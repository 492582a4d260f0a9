"""The command line: thin Typer commands over the services. Heavy imports happen inside commands, so
`swtracker --help` loads no database stack."""

from swtracker.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
