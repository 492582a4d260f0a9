"""Rendering of listener reports for the terminal. Only cli/ uses it."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from swtracker.cli.render import when
from swtracker.cli.tables import Col, FittedTable
from swtracker.cli.wording import plural
from swtracker.domain.attribution import AMBIGUOUS, GIVEN, UNATTRIBUTED
from swtracker.domain.frequency import SAME_CHANNEL_KHZ, format_frequency
from swtracker.domain.report import ListenerReport, StoredReport

if TYPE_CHECKING:
    from swtracker.services.report_transfer import ReportImportResult
    from swtracker.services.reports import ReportListing


def _frequency(khz: float) -> str:
    return f"{format_frequency(khz)} kHz"


def signal_code(report: ListenerReport) -> str:
    if report.sinpo:
        return f"SINPO {report.sinpo}"
    return f"SIO {report.sio}" if report.sio else ""


def attached_to(view: StoredReport) -> str:
    """Who the report was put down to, and the broadcast (source:line and UTC window) when there is one."""
    attribution = view.attribution
    if attribution.kind == UNATTRIBUTED:
        return "unattributed"
    if attribution.kind == AMBIGUOUS:
        return f"ambiguous between {'; '.join(attribution.candidates)}"
    text = f"{attribution.station_name} ({attribution.kind})"
    if attribution.schedule_ref:
        text += f", broadcast {attribution.schedule_ref} UTC" + (
            f", site {attribution.site}" if attribution.site else ""
        )
    return text


def logged_line(view: StoredReport, zone: tzinfo | None) -> Text:
    report = view.report
    details = ", ".join(
        part for part in (report.status, signal_code(report), report.jammer and f"{report.jammer} jammer") if part
    )
    return Text(
        f"Logged report {view.id}: {_frequency(report.frequency_khz)} at {when(report.observed_at, zone)}, "
        f"{details} -> {attached_to(view)}."
    )


def attribution_note(view: StoredReport, zone: tzinfo | None) -> str | None:
    """What the listener should know about the attribution, for stderr; None when there is nothing to say."""
    report, attribution = view.report, view.attribution
    tolerance = f"±{SAME_CHANNEL_KHZ:g} kHz"
    near = f"within {tolerance} of {_frequency(report.frequency_khz)} at {when(report.observed_at, zone)}"
    fix = f"name the station with `swtracker reports edit {view.id} --station NAME`"
    if attribution.kind == UNATTRIBUTED:
        return f"no broadcast is scheduled {near} (jammers do not count); report {view.id} is kept unattributed: {fix}."
    if attribution.kind == AMBIGUOUS:
        return (
            f"{len(attribution.candidates)} stations are on air {near}: {'; '.join(attribution.candidates)}. "
            f"Report {view.id} is kept as ambiguous: {fix}."
        )
    if attribution.kind == GIVEN and attribution.schedule_ref is None:
        return (
            f"{attribution.station_name} has no broadcast scheduled {near}; the report is kept without a schedule "
            "entry."
        )
    return None


def reports_table(listing: ReportListing, zone: tzinfo | None) -> FittedTable:
    """ID, time, frequency, station and status stay; the signal code, jammer, reporter, location (and local
    time) fold under the station at 80 columns. The title says how many match when not all are shown."""
    shown, matching = len(listing.reports), listing.matching
    title = plural(matching, "report")
    if shown < matching:
        title = f"{shown:,} of {matching:,} reports shown (newest first); --limit 0 for all"
    columns = [
        Col("ID", justify="right", wrap=False, key=True),
        Col("Observed (UTC)", short="UTC", wrap=False, key=True),
    ]
    if zone is not None:
        columns.append(Col(f"Local ({zone})", short="Local", wrap=False, priority=3, fold=True, label="local"))
    table = FittedTable(
        title,
        [
            *columns,
            Col("kHz", justify="right", wrap=False, key=True),
            Col("Station", key=True, main=True, min_width=16),
            Col("Status", wrap=False, key=True),
            Col("Code", wrap=False, priority=1, fold=True, label=""),
            Col("Jammer", wrap=False, priority=1, fold=True, label="jammer"),
            Col("Reporter", priority=2, fold=True, label="by"),
            Col("Location", priority=2, fold=True, label="at"),
        ],
    )
    for view in listing.reports:
        report, name = view.report, view.attribution.station_name
        row: list[str | Text] = [str(view.id), f"{report.observed_at:%Y-%m-%d %H:%M}"]
        if zone is not None:
            row.append(f"{report.observed_at.astimezone(zone):%Y-%m-%d %H:%M}")
        station = Text(name) if name else Text(attached_to(view), style="dim")
        row += [format_frequency(report.frequency_khz), station, report.status, signal_code(report)]
        row += [report.jammer or "", report.reporter or "", report.location or ""]
        table.add_row(*row)
    return table


def report_table(view: StoredReport, zone: tzinfo | None) -> Table:
    report = view.report
    rows: list[tuple[str, str]] = [
        ("uid", report.uid),
        ("observed", when(report.observed_at, zone)),
        ("frequency", _frequency(report.frequency_khz)),
        ("attributed to", attached_to(view)),
        ("status", report.status),
        ("signal", signal_code(report)),
        ("jammer", report.jammer or ""),
        ("reporter", report.reporter or ""),
        ("location", report.location or ""),
        ("receiver", report.receiver or ""),
        ("notes", report.notes or ""),
        ("logged", when(view.created_at, None)),
    ]
    table = Table(title=f"Report {view.id}", title_justify="left", header_style="bold", show_header=False)
    table.add_column("Field", style="bold")
    table.add_column("Value", overflow="fold")
    for name, value in rows:
        table.add_row(name, Text(value))
    return table


def import_summary(result: ReportImportResult) -> str:
    kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(result.attributions.items()))
    text = f"{result.file}: {plural(result.read, 'row')} read: {result.imported} imported"
    text += f" ({kinds})" if kinds else ""
    text += f", {result.unchanged} already stored, {len(result.bad)} bad"
    if result.strict and result.bad:
        text += "; nothing imported (--strict)"
    return text + "."
