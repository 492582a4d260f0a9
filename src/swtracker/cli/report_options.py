"""The options and arguments of a report's fields, shared by `log` and the `reports` commands."""

from typing import Annotated

import typer

from swtracker.cli.completion import complete_jammer, complete_status

StatusOption = Annotated[
    str | None,
    typer.Option(
        "--status", help="clear, jammed, blocked or silent.", show_default=False, autocompletion=complete_status
    ),
]
SinpoOption = Annotated[
    str | None,
    typer.Option(
        "--sinpo", help="SINPO code: five digits 1-5, x for a digit not rated (34333, 342x3).", show_default=False
    ),
]
SioOption = Annotated[
    str | None,
    typer.Option(
        "--sio",
        help="SIO code: three digits 1-5, a trailing j when jamming is present (343, 343j).",
        show_default=False,
    ),
]
JammerOption = Annotated[
    str | None,
    typer.Option(
        "--jammer",
        help="Jammer heard: noise, jet, pulse, warble, music, tone, radar or other.",
        show_default=False,
        autocompletion=complete_jammer,
    ),
]
ReporterOption = Annotated[
    str | None,
    typer.Option(
        "--reporter", envvar="SWTRACKER_REPORTER", help="Who heard it (callsign or name).", show_default=False
    ),
]
LocationOption = Annotated[
    str | None,
    typer.Option(
        "--location", help="Where: a Maidenhead locator (PM37lm, checked) or any text (Seoul).", show_default=False
    ),
]
HomeLocationOption = Annotated[
    str | None,
    typer.Option(
        "--location",
        envvar="SWTRACKER_LOCATION",
        help="Where: a Maidenhead locator (PM37lm, checked) or any text (Seoul). A locator narrows the stations "
        "the report may belong to: those whose target area covers it win. Default: SWTRACKER_LOCATION.",
        show_default=False,
    ),
]
HeardLanguageOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language heard (K = Korean as EiBi writes it, or Kor as HFCC does): stations broadcasting in it win. "
        "Used for the attribution only; not stored.",
        show_default=False,
    ),
]
ReceiverOption = Annotated[str | None, typer.Option("--receiver", help="Receiver and antenna.", show_default=False)]
NotesOption = Annotated[str | None, typer.Option("--notes", help="Anything else worth keeping.", show_default=False)]
IdArgument = Annotated[str, typer.Argument(help="The report number (see `reports list`) or its uid.")]
ReporterFilter = Annotated[str | None, typer.Option("--reporter", help="Only this reporter.", show_default=False)]
