"""Frequencies as users type them (`7515`, `7515 kHz`, `7.515 MHz`, `7500-7600`) and metre bands."""

from __future__ import annotations

import re
from decimal import Decimal

from swtracker.errors import InputError

# A single frequency matches entries within this many kHz (off-channel values such as 13760.4).
EXACT_TOLERANCE_KHZ = 0.5
# Signals this close share a channel: a report belongs to a broadcast, a jammer sits on it (design §5).
SAME_CHANNEL_KHZ = 2.5

# Broadcast band edges in kHz (ITU Radio Regulations Article 5; tropical bands as commonly used).
BANDS: dict[str, tuple[float, float]] = {
    "lw": (148.5, 283.5),
    "mw": (526.5, 1606.5),
    "120m": (2300, 2495),
    "90m": (3200, 3400),
    "75m": (3900, 4000),
    "60m": (4750, 5060),
    "49m": (5900, 6200),
    "41m": (7200, 7450),
    "31m": (9400, 9900),
    "25m": (11600, 12100),
    "22m": (13570, 13870),
    "19m": (15100, 15800),
    "16m": (17480, 17900),
    "15m": (18900, 19020),
    "13m": (21450, 21850),
    "11m": (25670, 26100),
}

_VALUE = r"([0-9]+(?:\.[0-9]+)?)\s*(khz|mhz)?"
_SINGLE = re.compile(_VALUE, re.IGNORECASE)
_RANGE = re.compile(_VALUE + r"\s*-\s*" + _VALUE, re.IGNORECASE)


def format_frequency(khz: float) -> str:
    """`7615`, `13760.4`: the shortest text that reads back as the same number (kHz)."""
    return str(int(khz)) if khz.is_integer() else repr(khz)


def _khz(number: str, unit: str | None) -> float:
    """In decimal, so that `1.0195 MHz` is 1019.5 kHz exactly (float arithmetic gives 1019.5000000000001,
    which misses a channel 2.5 kHz away and makes a group of its own)."""
    return float(Decimal(number) * 1000) if unit and unit.lower() == "mhz" else float(number)


def parse_frequency(text: str) -> float:
    """`7515`, `7515 kHz`, `7.515 MHz` -> 7515.0."""
    match = _SINGLE.fullmatch(text.strip())
    if not match:
        raise InputError(f"{text!r} is not a frequency (7515, 7515 kHz or 7.515 MHz)")
    return _in_range(_khz(match.group(1), match.group(2)), text)


def _in_range(value: float, text: str) -> float:
    if not 10 <= value <= 30000:
        raise InputError(f"{text!r}: {value:g} kHz is outside 10-30000 kHz")
    return value


def parse_frequency_range(text: str) -> tuple[float, float]:
    """A single frequency (±EXACT_TOLERANCE_KHZ) or a range `7500-7600` / `7.5-7.6 MHz` (the unit of the
    end applies to the start when only the end has one)."""
    match = _RANGE.fullmatch(text.strip())
    if match:
        low_unit = match.group(2) or match.group(4)
        low = _in_range(_khz(match.group(1), low_unit), text)
        high = _in_range(_khz(match.group(3), match.group(4)), text)
        if low > high:
            raise InputError(f"{text!r}: the range starts above its end")
        return low, high
    value = parse_frequency(text)
    return value - EXACT_TOLERANCE_KHZ, value + EXACT_TOLERANCE_KHZ


def band_range(name: str) -> tuple[float, float]:
    key = name.strip().lower()
    if key not in BANDS:
        raise InputError(f"{name!r} is not a band; use one of {', '.join(BANDS)}")
    return BANDS[key]
