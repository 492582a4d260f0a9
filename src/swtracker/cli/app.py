"""The root command: global options, the command table, and the one place errors become exit codes."""

import importlib
import inspect
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from typer import _click as click  # the click typer vendors: its commands are of these classes
from typer._click.shell_completion import CompletionItem
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandInfo

from swtracker import __version__
from swtracker.cli import coercion
from swtracker.cli.options import DbOption, Settings, TzOption
from swtracker.errors import ExitCode, SwtrackerError

# Every command and command group, in the order `--help` lists them, and the module of swtracker.cli whose
# `register(app)` adds it. A command's module is imported, and its commands built, only when that command is
# looked up (to run it, or for help and shell completion, which list them all): building every command's
# options for every run cost more start-up time than the command `summary` itself (issue 18).
# tests/cli/test_app.py checks this table against what the modules register.
COMMAND_MODULES = {
    "now": "schedule_commands",
    "next": "schedule_commands",
    "schedule": "schedule_commands",
    "stations": "schedule_commands",
    "init": "import_commands",
    "import": "import_commands",
    "fetch": "fetch_commands",
    "log": "report_commands",
    "summary": "summary_commands",
    "coverage": "summary_commands",
    "bookmarks": "export_commands",
    "calendar": "export_commands",
    "spots": "export_commands",
    "channels": "channel_commands",
    "changes": "channel_commands",
    "history": "channel_commands",
    "sources": "source_commands",
    "db": "database_commands",
    "reports": "report_commands",
}


def _registered(module_name: str) -> typer.Typer:
    """What one module of swtracker.cli registers, on a Typer of its own."""
    module = importlib.import_module(f"swtracker.cli.{module_name}")
    commands = typer.Typer(rich_markup_mode=None)  # as the root's: plain help
    module.register(commands)
    return commands


def _command_name(info: CommandInfo) -> str:
    assert info.callback is not None
    return info.name or typer.main.get_command_name(info.callback.__name__)


def module_commands(module_name: str, only: str | None = None) -> dict[str, click.Command]:
    """The commands one module of swtracker.cli registers, or only the one named `only`, built as Typer builds
    the root's own. Building a command's options costs start-up time: `log` is one of eight in its module."""
    registered = _registered(module_name)
    settings: dict[str, Any] = {
        "pretty_exceptions_short": registered.pretty_exceptions_short,
        "rich_markup_mode": registered.rich_markup_mode,
    }
    built: list[click.Command] = [
        typer.main.get_command_from_info(info, **settings)
        for info in registered.registered_commands
        if only in (None, _command_name(info))
    ]
    built += [
        typer.main.get_group_from_info(group, suggest_commands=registered.suggest_commands, **settings)
        for group in registered.registered_groups
        if only in (None, typer.main.solve_typer_info_defaults(group).name)
    ]
    return {command.name: command for command in built if command.name}


def module_listing(module_name: str) -> dict[str, click.Command]:
    """The same commands as the root's help and shell completion list them: name, help, hidden and deprecated,
    resolved as Typer resolves them, and no options. Building every command's options was most of
    `swtracker --help`'s time; tests/cli/test_app.py checks each listing against the command built."""
    registered = _registered(module_name)
    listed: dict[str, click.Command] = {}
    for info in registered.registered_commands:
        name = _command_name(info)
        text = inspect.getdoc(info.callback) if info.help is None else inspect.cleandoc(info.help)
        listed[name] = TyperCommand(
            name, help=text, short_help=info.short_help, hidden=info.hidden, deprecated=info.deprecated
        )
    for group in registered.registered_groups:
        solved = typer.main.solve_typer_info_defaults(group)
        assert solved.name
        listed[solved.name] = TyperCommand(
            solved.name,
            help=solved.help,
            short_help=solved.short_help,
            hidden=solved.hidden,
            deprecated=solved.deprecated,
        )
    return listed


class LazyCommands(MutableMapping[str, click.Command]):
    """The root's commands by name: names known up front, each command built on first lookup, or only listed
    (name and help) while `listing()`."""

    def __init__(self, modules: dict[str, str]) -> None:
        self._modules = modules
        self._built: dict[str, click.Command] = {}
        self._listed: dict[str, click.Command] = {}
        self._listing = False

    @contextmanager
    def listing(self) -> Iterator[None]:
        """Within it, a command not built yet is looked up as its listing."""
        self._listing = True
        try:
            yield
        finally:
            self._listing = False

    def __getitem__(self, name: str) -> click.Command:
        if name in self._built or name not in self._modules:
            return self._built[name]
        if not self._listing:
            self._built.update(module_commands(self._modules[name], name))
            return self._built[name]
        if name not in self._listed:
            self._listed.update(module_listing(self._modules[name]))
        return self._listed[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        raise TypeError("the root's commands are fixed")

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)

    def __contains__(self, name: object) -> bool:
        return name in self._modules


class SwtrackerGroup(TyperGroup):
    """The root group: its commands come from COMMAND_MODULES, built when looked up. Turns every expected
    failure into one line on stderr and its exit code; no traceback."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = self._lazy = LazyCommands(COMMAND_MODULES)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # names only: TyperGroup's would build every command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with self._lazy.listing():
            super().format_commands(ctx, formatter)

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[CompletionItem]:
        with self._lazy.listing():
            return super().shell_complete(ctx, incomplete)

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


coercion.install()  # pydantic only for option values that need it (start-up time)
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
