"""Rendering of listener reports for the terminal. Only cli/ uses it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from rich.table import Table
from rich.text import Text

from swtracker.cli.render import when
from swtracker.domain.frequency import SAME_CHANNEL_KHZ
from swtracker.services.reports import AMBIGUOUS, GIVEN, UNATTRIBUTED, ImportResult, ReportView


def _frequency(khz: float) -> str:
    return f"{khz:g} kHz"


def signal_code(view: ReportView) -> str:
    if view.sinpo:
        return f"SINPO {view.sinpo}"
    return f"SIO {view.sio}" if view.sio else ""


def attached_to(view: ReportView) -> str:
    """Who the report was put down to, and the broadcast (source:line and UTC window) when there is one."""
    if view.attribution == UNATTRIBUTED:
        return "unattributed"
    if view.attribution == AMBIGUOUS:
        return f"ambiguous between {'; '.join(view.candidates)}"
    text = f"{view.station} ({view.attribution})"
    if view.schedule_ref:
        text += f", broadcast {view.schedule_ref} UTC" + (f", site {view.site}" if view.site else "")
    return text


def logged_line(view: ReportView, zone: tzinfo | None) -> Text:
    details = ", ".join(
        part for part in (view.status, signal_code(view), view.jammer and f"{view.jammer} jammer") if part
    )
    return Text(
        f"Logged report {view.id}: {_frequency(view.frequency_khz)} at {when(view.observed_at, zone)}, {details} "
        f"-> {attached_to(view)}."
    )


def attribution_note(view: ReportView, zone: tzinfo | None) -> str | None:
    """What the listener should know about the attribution, for stderr; None when there is nothing to say."""
    tolerance = f"±{SAME_CHANNEL_KHZ:g} kHz"
    near = f"within {tolerance} of {_frequency(view.frequency_khz)} at {when(view.observed_at, zone)}"
    fix = f"name the station with `swtracker reports edit {view.id} --station NAME`"
    if view.attribution == UNATTRIBUTED:
        return f"no broadcast is scheduled {near} (jammers do not count); report {view.id} is kept unattributed: {fix}."
    if view.attribution == AMBIGUOUS:
        return (
            f"{len(view.candidates)} stations are on air {near}: {'; '.join(view.candidates)}. "
            f"Report {view.id} is kept as ambiguous: {fix}."
        )
    if view.attribution == GIVEN and view.schedule_ref is None:
        return f"{view.station} has no broadcast scheduled {near}; the report is kept without a schedule entry."
    return None


def reports_table(views: Sequence[ReportView], zone: tzinfo | None, *, title: str) -> Table:
    table = Table(title=title, title_justify="left", header_style="bold")
    columns = ["ID", "Observed (UTC)"] + ([f"Local ({zone})"] if zone is not None else [])
    columns += ["kHz", "Station", "Status", "Code", "Jammer", "Reporter", "Location"]
    for column in columns:
        table.add_column(column, overflow="fold", justify="right" if column in ("ID", "kHz") else "left")
    for view in views:
        row: list[str | Text] = [str(view.id), f"{view.observed_at:%Y-%m-%d %H:%M}"]
        if zone is not None:
            row.append(f"{view.observed_at.astimezone(zone):%Y-%m-%d %H:%M}")
        station = Text(view.station) if view.station else Text(attached_to(view), style="dim")
        row += [f"{view.frequency_khz:g}", station, view.status, signal_code(view)]
        row += [view.jammer or "", view.reporter or "", view.location or ""]
        table.add_row(*(cell if isinstance(cell, Text) else Text(cell) for cell in row))
    return table


def report_table(view: ReportView, zone: tzinfo | None) -> Table:
    rows: list[tuple[str, str]] = [
        ("uid", view.uid),
        ("observed", when(view.observed_at, zone)),
        ("frequency", _frequency(view.frequency_khz)),
        ("attributed to", attached_to(view)),
        ("status", view.status),
        ("signal", signal_code(view)),
        ("jammer", view.jammer or ""),
        ("reporter", view.reporter or ""),
        ("location", view.location or ""),
        ("receiver", view.receiver or ""),
        ("notes", view.notes or ""),
        ("logged", when(view.created_at, None)),
    ]
    table = Table(title=f"Report {view.id}", title_justify="left", header_style="bold", show_header=False)
    table.add_column("Field", style="bold")
    table.add_column("Value", overflow="fold")
    for name, value in rows:
        table.add_row(name, Text(value))
    return table


def import_summary(result: ImportResult) -> str:
    kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(result.attributions.items()))
    text = f"{result.file}: {result.read} rows read: {result.imported} imported"
    text += f" ({kinds})" if kinds else ""
    text += f", {result.unchanged} already stored, {len(result.bad)} bad"
    if result.strict and result.bad:
        text += "; nothing imported (--strict)"
    return text + "."
