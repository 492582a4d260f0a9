"""The root command: global options, command registration, and the one place errors become exit codes."""

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from swtracker import __version__
from swtracker.cli import (
    channel_commands,
    database_commands,
    export_commands,
    fetch_commands,
    import_commands,
    report_commands,
    schedule_commands,
    source_commands,
    summary_commands,
)
from swtracker.cli.options import DbOption, Settings, TzOption
from swtracker.errors import ExitCode, SwtrackerError


class SwtrackerGroup(TyperGroup):
    """Turns every expected failure into one line on stderr and its exit code; no traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except SwtrackerError as error:
            from swtracker.cli.render import error_line

            error_line(str(error))
            raise typer.Exit(int(error.exit_code)) from None
        except KeyboardInterrupt:
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:  # `swtracker now | head`
            raise typer.Exit(0) from None


app = typer.Typer(
    cls=SwtrackerGroup,
    name="swtracker",
    help="Shortwave broadcast schedules and jamming: who is on air now and next, what listeners heard, "
    "and how often each station is blocked.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,  # plain help: Rich help formatting costs more start-up time than all of typer
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"swtracker {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: DbOption = None,
    tz: TzOption = None,
    version: Annotated[  # noqa: ARG001 (handled by its eager callback)
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Shortwave broadcast schedules and jamming tracker."""
    ctx.obj = Settings(db, tz)


schedule_commands.register(app)
source_commands.register(app)
import_commands.register(app)
database_commands.register(app)
fetch_commands.register(app)
report_commands.register(app)
summary_commands.register(app)
export_commands.register(app)
channel_commands.register(app)
