import pytest

from swtracker.domain.frequency import band_range, parse_frequency, parse_frequency_range
from swtracker.errors import InputError, UsageError


@pytest.mark.parametrize("text", ["7515", "7515 kHz", "7515kHz", "7.515 MHz", "7.515MHz", " 7515 KHZ "])
def test_frequency_forms(text: str) -> None:
    assert parse_frequency(text) == pytest.approx(7515)


def test_single_frequency_matches_off_channel_values_and_ranges_are_inclusive() -> None:
    low, high = parse_frequency_range("13760")
    assert low <= 13760.4 <= high
    assert parse_frequency_range("7500-7600") == (7500, 7600)
    assert parse_frequency_range("7.5-7.6 MHz") == (7500, 7600)


@pytest.mark.parametrize("text", ["abc", "7515 GHz", "0", "40000", "7600-7500", "-5", "0-0", "5-7000", "7000-40000"])
def test_bad_frequencies(text: str) -> None:
    with pytest.raises(InputError):
        parse_frequency_range(text)


def test_bands() -> None:
    assert band_range("41m") == (7200, 7450)
    assert band_range("49M") == (5900, 6200)
    with pytest.raises(UsageError, match="not a band"):
        band_range("42m")


@pytest.mark.parametrize(("mhz", "khz"), [("1.0195", 1019.5), ("4.0075", 4007.5), ("3.5962", 3596.2), ("7.615", 7615)])
def test_megahertz_convert_exactly(mhz: str, khz: float) -> None:
    # In float arithmetic 1.0195 * 1000 is 1019.5000000000001: 2.5 kHz from a channel would no longer match it.
    assert parse_frequency(f"{mhz} MHz") == khz
