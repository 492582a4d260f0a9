"""Jamming rates with their uncertainty (design §5). Pure: counts in, rates and intervals out.

A rate from a handful of reports says little, so every rate comes with its count and a 95% Wilson score
interval. Wilson rather than the textbook normal interval: it stays inside [0, 1] and is still meaningful at
0 % and 100 % and for small n, which is what listener data looks like. Silent reports (nothing heard: an outage
or propagation) are not evidence about jamming, so they are counted apart and left out of n.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Z_95 = 1.959963984540054  # the standard normal quantile for a two-sided 95% interval


def rate(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to divide by (never a made-up 0)."""
    return part / whole if whole else None


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float, float] | None:
    """The Wilson score interval of a proportion; None for no trials."""
    if not 0 <= successes <= trials:
        raise ValueError(f"{successes} successes out of {trials} trials")
    if trials == 0:
        return None
    p = successes / trials
    z2 = z * z
    denominator = 1 + z2 / trials
    centre = (p + z2 / (2 * trials)) / denominator
    half_width = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / denominator
    # Rounding may put a bound a hair past the estimate or outside [0, 1]; the true bounds never are.
    return max(0.0, min(centre - half_width, p)), min(1.0, max(centre + half_width, p))


@dataclass(frozen=True)
class StatusCounts:
    """How many reports of a group had each status, and the rates of design §5 that follow from them."""

    clear: int = 0
    jammed: int = 0
    blocked: int = 0
    silent: int = 0

    @property
    def reports(self) -> int:
        return self.clear + self.jammed + self.blocked + self.silent

    @property
    def n(self) -> int:
        """Reports that say something about jamming: silent ones do not."""
        return self.clear + self.jammed + self.blocked

    @property
    def jam_rate(self) -> float | None:
        return rate(self.jammed + self.blocked, self.n)

    @property
    def block_rate(self) -> float | None:
        return rate(self.blocked, self.n)

    @property
    def jam_rate_interval(self) -> tuple[float, float] | None:
        return wilson_interval(self.jammed + self.blocked, self.n)

    def __add__(self, other: StatusCounts) -> StatusCounts:
        return StatusCounts(
            self.clear + other.clear,
            self.jammed + other.jammed,
            self.blocked + other.blocked,
            self.silent + other.silent,
        )
