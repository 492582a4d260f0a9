"""Every bookmark writer's file read back by the receiving program's own rules, for any station name."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from swtracker.domain.windows import Window
from swtracker.errors import InputError
from swtracker.exports import chirp, gqrx, kiwisdr, openwebrx, sdrpp, sdrsharp
from swtracker.exports.bookmark import JAMMER_GROUP, NEXT_GROUP, ON_AIR_GROUP, Bookmark, one_line
from swtracker.exports.bookmark_formats import WRITERS
from tests.exports.program_readers import (
    GQRX_MODES,
    read_chirp,
    read_gqrx,
    read_kiwisdr,
    read_openwebrx,
    read_sdrpp,
    read_sdrsharp,
)

START = datetime(2026, 7, 1, 13, tzinfo=UTC)
SHIOKAZE = Bookmark("Shiokaze", 6070, Window(780, 840), days="We", weekdays=0b100, on_air=True, start=START)
JAMMER = Bookmark("Noise Jammer", 6015, Window(230, 1440), jammer=True, on_air=True, start=START)
KOREAN = Bookmark('자유북한방송 <FNKR> & "Co"; 1', 11510, Window(780, 840), language="K", target="KRE", start=START)
PAST_MIDNIGHT = Bookmark("VOA", 12130, Window(1230, 90), days="Mo-Fr", weekdays=0b11111, start=START)
SAMPLE = [SHIOKAZE, JAMMER, KOREAN, PAST_MIDNIGHT]

names = st.text(st.characters(codec="utf-8"), min_size=1, max_size=40)
bookmark_lists = st.lists(
    st.builds(
        Bookmark,
        station=names,
        frequency_khz=st.sampled_from([6015.0, 6070.0, 9940.0, 13760.4]),
        window=st.sampled_from([Window(780, 840), Window(1230, 90), Window(0, 1440)]),
        mode=st.sampled_from(["AM", "USB", "LSB", "CW", "DRM"]),
        jammer=st.booleans(),
        on_air=st.booleans(),
        start=st.just(START),
    ),
    max_size=8,
)


def written(write: object, bookmarks: list[Bookmark]) -> bytes:
    stream = io.StringIO()
    assert callable(write)
    write(bookmarks, stream)
    return stream.getvalue().encode("utf-8")


@given(bookmark_lists)
def test_gqrx_reads_every_bookmark_with_its_tag(bookmarks: list[Bookmark]) -> None:
    read = read_gqrx(written(gqrx.write, bookmarks))
    assert read.ignored == []
    assert [(f, n, t[0]) for f, n, _, _, t in read.bookmarks] == [
        (b.frequency_hz, one_line(b.label, ";").strip(), b.group) for b in bookmarks
    ]
    assert all(m.casefold() in GQRX_MODES for _, _, m, _, _ in read.bookmarks)
    assert {t[0] for *_, t in read.bookmarks} <= set(read.tags)


def test_gqrx_file_keeps_korean_and_drops_the_field_separator() -> None:
    read = read_gqrx(written(gqrx.write, SAMPLE))
    assert read.tags == {ON_AIR_GROUP: "#00c000", JAMMER_GROUP: "#ff0000", NEXT_GROUP: "#ff8000"}
    assert read.bookmarks[2] == (11510000, '자유북한방송 <FNKR> & "Co" 1 1300-1400Z', "AM", 9000, [NEXT_GROUP])
    assert read.bookmarks[1][4] == [JAMMER_GROUP]
    assert read.bookmarks[0][:4] == (6070000, "Shiokaze 1300-1400Z We", "AM", 9000)


@given(bookmark_lists)
def test_sdrpp_names_are_unique_so_no_bookmark_is_lost(bookmarks: list[Bookmark]) -> None:
    read = read_sdrpp(written(sdrpp.write, bookmarks))
    assert len(read) == len(bookmarks)
    assert [b["frequency"] for b in read.values()] == [float(b.frequency_hz) for b in bookmarks]


def test_sdrpp_am_is_mode_2_and_repeated_names_are_numbered() -> None:
    read = read_sdrpp(written(sdrpp.write, [SHIOKAZE, SHIOKAZE, JAMMER]))
    assert read == {
        "Shiokaze 1300-1400Z We": {"frequency": 6070000.0, "bandwidth": 9000.0, "mode": 2},
        "Shiokaze 1300-1400Z We #2": {"frequency": 6070000.0, "bandwidth": 9000.0, "mode": 2},
        "JAMMER Noise Jammer 0350-2400Z": {"frequency": 6015000.0, "bandwidth": 9000.0, "mode": 2},
    }


@given(bookmark_lists)
def test_sdrsharp_entries_parse_in_serializer_order(bookmarks: list[Bookmark]) -> None:
    entries = read_sdrsharp(written(sdrsharp.write, bookmarks))
    assert [(e["Name"], int(e["Frequency"]), e["GroupName"]) for e in entries] == [
        (one_line(b.label), b.frequency_hz, b.group) for b in bookmarks
    ]


def test_sdrsharp_escapes_markup_in_names() -> None:
    data = written(sdrsharp.write, SAMPLE)
    assert b"&lt;FNKR&gt; &amp;" in data
    entry = read_sdrsharp(data)[2]
    assert entry["Name"] == '자유북한방송 <FNKR> & "Co"; 1 1300-1400Z'
    assert (entry["DetectorType"], entry["FilterBandwidth"], entry["GroupName"]) == ("AM", "9000", NEXT_GROUP)


@given(bookmark_lists)
def test_kiwisdr_reads_every_line(bookmarks: list[Bookmark]) -> None:
    rows = read_kiwisdr(written(kiwisdr.write, bookmarks))
    assert [(float(r[0]), r[2], r[5]) for r in rows] == [
        (round(b.frequency_khz, 2), one_line(b.label, ";"), "T4" if b.jammer else "T3") for b in bookmarks
    ]


def test_kiwisdr_days_and_times() -> None:
    rows = read_kiwisdr(written(kiwisdr.write, SAMPLE))
    assert rows[0] == [
        "6070.00", "AM", "Shiokaze 1300-1400Z We", "", "", "T3", "", "", "", "__W____", "'1300", "'1400"
    ]  # fmt: skip
    assert rows[1][9:] == ["MTWTFSS", "'0350", "'2400"]
    assert rows[3][9:] == ["MTWTF__", "'2030", "'0130"]
    assert rows[2][2] == '자유북한방송 <FNKR> & "Co" 1 1300-1400Z'
    assert rows[2][3] == "K -> KRE"


def test_kiwisdr_refuses_a_file_over_its_upload_limit() -> None:
    many = [Bookmark("x" * 200, 6015 + i, Window(0, 60)) for i in range(10_000)]
    stream = io.StringIO()
    with pytest.raises(InputError, match="under 2 MB"):
        kiwisdr.write(many, stream)
    assert stream.getvalue() == ""


@given(bookmark_lists)
def test_openwebrx_keeps_one_bookmark_per_frequency_with_every_name(bookmarks: list[Bookmark]) -> None:
    read = read_openwebrx(written(openwebrx.write, bookmarks))
    assert set(read) == {b.frequency_hz for b in bookmarks}
    for b in bookmarks:
        assert one_line(b.label) in read[b.frequency_hz]["name"]


def test_openwebrx_merges_names_on_one_frequency() -> None:
    later = Bookmark("Shiokaze", 6070, Window(1400, 1430), start=START)
    read = read_openwebrx(written(openwebrx.write, [SHIOKAZE, later]))
    assert read == {
        6070000: {
            "name": "Shiokaze 1300-1400Z We / Shiokaze 2320-2350Z",
            "frequency": 6070000,
            "modulation": "am",
            "description": "Shiokaze 1300-1400Z We; Shiokaze 2320-2350Z",
        }
    }


def test_chirp_file_is_recognised_and_in_mhz() -> None:
    rows = read_chirp(written(chirp.write, SAMPLE))
    assert [(r["Location"], r["Frequency"], r["Mode"]) for r in rows][:2] == [
        ("0", "6.070000", "AM"),
        ("1", "6.015000", "AM"),
    ]
    assert rows[1]["Comment"] == "JAMMER Noise Jammer 0350-2400Z"


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_an_empty_selection_is_a_valid_empty_file(name: str) -> None:
    data = written(WRITERS[name], [])
    readers = {
        "gqrx": lambda d: read_gqrx(d).bookmarks,
        "sdrpp": read_sdrpp,
        "sdrsharp": read_sdrsharp,
        "kiwisdr": read_kiwisdr,
        "openwebrx": read_openwebrx,
        "chirp": read_chirp,
    }
    assert not readers[name](data)
