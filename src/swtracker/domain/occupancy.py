"""How occupied a channel is during a window: the ranking rule of `swtracker channels` (research/channels.md).

An occupancy heuristic, not a signal-to-interference prediction: there is no propagation model and field
strengths are unknown. Its shape follows the interferer sum of ITU-R P.842 (S/I = S - 10·log10 Σ 10^((I+R)/10)):
every entry near the candidate channel adds, in the power domain,

    time share × target factor × relative protection factor × power factor × jammer factor

and listener reports on the channel add their jam rate. The score is 10·log10(load + ε) dB; lower is clearer.

A channel is *clear* when nothing is listed on it (co-channel) during the window, no jammer is within the first
adjacent channel, and no listener reported jamming on it then. Clear channels rank first, by score; then the
others, by score: a co-channel user is a collision whatever the numbers (research/channels.md, sanity rule 1).
Every number is a field of OccupancyParameters, in this one place: the relative protection ratios are
assumptions until the ITU-R BS.560-4 Annex 4 HF values are read (research/channels.md says they are unconfirmed).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from swtracker.domain.statistics import StatusCounts

CO_CHANNEL = "co-channel"
ADJACENT = "±5 kHz"
SECOND_ADJACENT = "±10 kHz"


@dataclass(frozen=True)
class OccupancyParameters:
    # How far from the candidate an entry counts as co-channel, first and second adjacent (kHz, inclusive):
    # halfway between the 5 kHz raster steps, so an off-raster 6017.5 is still the 6015 co-channel.
    co_channel_khz: float = 2.5
    adjacent_khz: float = 7.5
    second_adjacent_khz: float = 12.5
    # Relative RF protection ratios (dB; co-channel is 0 dB). An AM emission is 9-10 kHz wide on a 5 kHz raster
    # (ITU-R BS.639), so ±5 kHz interferes nearly as much as co-channel; ±10 kHz only when much stronger.
    # ASSUMPTIONS until checked against ITU-R BS.560-4 Annex 4.
    adjacent_db: float = -3.0
    second_adjacent_db: float = -30.0
    # An entry aimed elsewhere still reaches the target area by skywave spill, weaker.
    off_target_factor: float = 0.3
    # Power factor = kW / this (HFCC's POWR column); an entry without a known power (EiBi) counts as this power.
    reference_power_kw: float = 100.0
    # A jammer is meant to make the channel unusable: one counts as this many broadcasts.
    jammer_factor: float = 10.0
    # Listener reports add the lower 95% Wilson bound of their jam rate × this: 100% jammed over many reports
    # weighs like a jammer all through the window; one jammed report of one weighs about a fifth of that.
    report_factor: float = 10.0
    epsilon: float = 1e-3


DEFAULT_PARAMETERS = OccupancyParameters()


@dataclass(frozen=True)
class Interferer:
    """An airing near a candidate channel. `time_share`: the part of the window (over the chosen days) it is on
    air, 0..1; `on_target`: it aims at the target area (or none was asked); `power_kw`: None when unknown."""

    frequency_khz: float
    time_share: float
    on_target: bool = True
    power_kw: float | None = None
    jammer: bool = False


def offset_class(candidate_khz: float, frequency_khz: float, p: OccupancyParameters = DEFAULT_PARAMETERS) -> str | None:
    """co-channel, ±5 kHz or ±10 kHz; None when too far away to count."""
    offset = abs(frequency_khz - candidate_khz)
    if offset <= p.co_channel_khz:
        return CO_CHANNEL
    if offset <= p.adjacent_khz:
        return ADJACENT
    if offset <= p.second_adjacent_khz:
        return SECOND_ADJACENT
    return None


def protection_factor(offset: str, p: OccupancyParameters = DEFAULT_PARAMETERS) -> float:
    """10^(R/10) for the offset's relative protection ratio R."""
    ratio_db = {CO_CHANNEL: 0.0, ADJACENT: p.adjacent_db, SECOND_ADJACENT: p.second_adjacent_db}[offset]
    return 10 ** (ratio_db / 10)


def interferer_load(candidate_khz: float, e: Interferer, p: OccupancyParameters = DEFAULT_PARAMETERS) -> float:
    """What one interferer adds to a candidate channel's load (0 when it is too far away)."""
    offset = offset_class(candidate_khz, e.frequency_khz, p)
    if offset is None:
        return 0.0
    power = 1.0 if e.power_kw is None else max(e.power_kw, 0.0) / p.reference_power_kw
    return (
        min(max(e.time_share, 0.0), 1.0)
        * (1.0 if e.on_target else p.off_target_factor)
        * protection_factor(offset, p)
        * power
        * (p.jammer_factor if e.jammer else 1.0)
    )


def report_load(counts: StatusCounts, p: OccupancyParameters = DEFAULT_PARAMETERS) -> float:
    """What listener reports on the channel add: the Wilson lower bound of their jam rate (0 without reports)."""
    interval = counts.jam_rate_interval
    return 0.0 if interval is None else interval[0] * p.report_factor


@dataclass(frozen=True)
class ChannelLoad:
    frequency_khz: float
    load: float
    score_db: float
    co_channel: int  # interferers within the co-channel distance
    contributions: tuple[float, ...]  # per interferer given, in order (0 for those too far away)
    reports: float
    clear: bool


def channel_load(
    candidate_khz: float,
    interferers: Sequence[Interferer],
    reports: StatusCounts | None = None,
    p: OccupancyParameters = DEFAULT_PARAMETERS,
) -> ChannelLoad:
    contributions = tuple(interferer_load(candidate_khz, e, p) for e in interferers)
    from_reports = report_load(reports or StatusCounts(), p)
    load = math.fsum(contributions) + from_reports
    offsets = [(offset_class(candidate_khz, e.frequency_khz, p), e) for e in interferers if e.time_share > 0]
    co_channel = sum(1 for offset, _ in offsets if offset == CO_CHANNEL)
    jammer_near = any(e.jammer for offset, e in offsets if offset in (CO_CHANNEL, ADJACENT))
    jammed_reports = reports is not None and reports.jammed + reports.blocked > 0
    clear = co_channel == 0 and not jammer_near and not jammed_reports
    score_db = 10 * math.log10(load + p.epsilon)
    return ChannelLoad(candidate_khz, load, score_db, co_channel, contributions, from_reports, clear)


def ranked(loads: Sequence[ChannelLoad]) -> list[ChannelLoad]:
    """Clear channels first, then the others; within each, the lowest load, then fewer co-channel entries,
    then the lower frequency."""
    return sorted(loads, key=lambda c: (not c.clear, c.load, c.co_channel, c.frequency_khz))
