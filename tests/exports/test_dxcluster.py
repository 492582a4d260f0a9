"""Spot lines as gqrx's DX-cluster reader takes them apart, for any station name."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from swtracker.exports.dxcluster import ascii_token, spot_line
from tests.exports.program_readers import read_gqrx_spot

AT = datetime(2026, 7, 1, 13, 5, tzinfo=UTC)


@given(
    name=st.text(min_size=1, max_size=60),
    comment=st.text(max_size=60),
    frequency=st.floats(100, 30000, allow_nan=False).map(lambda f: round(f, 1)),
)
def test_gqrx_reads_the_frequency_and_label_of_any_spot(name: str, comment: str, frequency: float) -> None:
    label = ascii_token(name) or "station"
    line = spot_line(frequency, label, comment, AT)
    assert line.isascii()
    assert line.endswith("1305Z\r\n")
    assert line.count("\n") == 1
    assert read_gqrx_spot(line) == (frequency, label)
    assert re.fullmatch(r"DX de SWTRACKER: +[0-9]+\.[0-9] +\S+ +.* [0-9]{4}Z\r\n", line)


def test_labels_are_one_ascii_token() -> None:
    assert ascii_token("Voice of America") == "Voice-of-America"
    assert ascii_token("Nemzetiségi Rádió") == "Nemzetisegi-Radio"
    assert ascii_token("자유북한방송") == ""
    assert ascii_token("Radio\tFree\nAsia") == "Radio-Free-Asia"
    line = spot_line(6070, "Shiokaze", "1300-1400 E>KRE", AT)
    assert line == "DX de SWTRACKER:   6070.0  Shiokaze      1300-1400 E>KRE                1305Z\r\n"
