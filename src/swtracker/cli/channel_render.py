"""Rendering of `channels`: the ranked channels as a table, JSON objects and CSV rows."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from swtracker.cli import render
from swtracker.domain import occupancy
from swtracker.domain.frequency import format_frequency
from swtracker.services.channels import ChannelResult, Neighbour, RankedChannel

SHOWN_PER_CELL = 4  # neighbours listed per table cell; JSON and CSV list them all

CHANNEL_COLUMNS = (
    "rank",
    "frequency_khz",
    "score_db",
    "load",
    "clear",
    "co_channel_entries",
    "jammer",
    "reports",
    "report_jam_rate",
    "co_channel",
    "adjacent",
)


def neighbour_json(neighbour: Neighbour, offset: str, added: float) -> dict[str, Any]:
    e = neighbour.interferer
    return {
        "station": neighbour.station,
        "station_key": neighbour.station_key,
        "kind": neighbour.kind,
        "frequency_khz": neighbour.frequency_khz,
        "offset": offset,
        "windows_utc": list(neighbour.windows),
        "days": neighbour.days,
        "target": neighbour.target,
        "on_target": e.on_target,
        "power_kw": neighbour.power_kw,
        "time_share": e.time_share,
        "load": added,
        "sources": list(neighbour.sources),
    }


def channel_json(channel: RankedChannel) -> dict[str, Any]:
    counts = channel.reports
    return {
        "rank": channel.rank,
        "frequency_khz": channel.load.frequency_khz,
        "score_db": round(channel.load.score_db, 2),
        "load": channel.load.load,
        "clear": channel.load.clear,
        "co_channel_entries": channel.load.co_channel,
        "jammer": channel.jammer,
        "reports": counts.reports,
        "report_jam_rate": counts.jam_rate,
        "report_load": channel.load.reports,
        "near": [neighbour_json(n, offset, added) for n, offset, added in channel.near],
    }


def _describe(neighbour: Neighbour) -> str:
    """`6015 KBS Hanminjok 0350-2400 100 kW`, and `off target` when it aims elsewhere."""
    name = "JAMMER " + neighbour.station if neighbour.kind == "jammer" else neighbour.station
    parts = [format_frequency(neighbour.frequency_khz), name, ",".join(neighbour.windows)]
    if neighbour.power_kw is not None:
        parts.append(f"{neighbour.power_kw:g} kW")
    if not neighbour.interferer.on_target:
        parts.append("off target")
    return " ".join(parts)


def channel_csv(channel: RankedChannel) -> dict[str, Any]:
    data = channel_json(channel)
    data["co_channel"] = "; ".join(_describe(n) for n, o, _ in channel.near if o == occupancy.CO_CHANNEL)
    data["adjacent"] = "; ".join(_describe(n) for n, o, _ in channel.near if o != occupancy.CO_CHANNEL)
    return data


def _cell(items: list[str]) -> str:
    shown = items[:SHOWN_PER_CELL]
    if len(items) > SHOWN_PER_CELL:
        shown.append(f"+{len(items) - SHOWN_PER_CELL} more")
    return "\n".join(shown) or "–"


def _evidence(channel: RankedChannel) -> str:
    lines = []
    if channel.jammer:
        lines.append("JAMMER")
    counts = channel.reports
    if counts.n:
        lines.append(f"{counts.jammed + counts.blocked}/{counts.n} reports jammed")
    co_channel = channel.load.co_channel
    lines.append("clear" if channel.load.clear else f"{co_channel} on channel" if co_channel else "")
    return "\n".join(line for line in lines if line)


def channels_table(result: ChannelResult, title: str) -> Table:
    """One line per airing that made the score, the heaviest first: co-channel ones, then ±5/±10 kHz."""
    rows = []
    for channel in result.channels:
        near = [_describe(n) for n, o, _ in channel.near if o == occupancy.CO_CHANNEL]
        near += [_describe(n) for n, o, _ in channel.near if o != occupancy.CO_CHANNEL]
        rows.append(
            (
                channel.rank,
                format_frequency(channel.load.frequency_khz),
                f"{channel.load.score_db:.1f}",
                _evidence(channel),
                _cell(near),
            )
        )
    columns = ("#", "kHz", "dB", "Evidence", "On the channel, then ±5/±10 kHz (heaviest first)")
    return render.simple_table(title, columns, rows)
