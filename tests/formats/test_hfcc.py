"""Golden tests on real HFCC A26 lines (research/formats.md §3, §5.3) and the real file's counts."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from swtracker.domain.seasons import Season
from swtracker.formats.hfcc import parse_broadcasters, parse_hfcc, parse_line, parse_sites, season_in_header
from swtracker.formats.records import RejectedLine, ScheduleRow
from tests.conftest import FIXTURES, HFCC_A26, WHOLE_FILES

A26 = Season.parse("A26")
VOA_12130 = (
    "12130 2030 0130 44NE                           PHT  250 21        0 216 23456   250626 100726 D  8750 Kor"
    "        PHL AGM AGM  4594"
)
SINGLE_SUNDAY = (
    "17865 0130 0400 44NE                           PHT  250 21        0 216 1       050726 050726 D  8750 Kor"
    "        PHL AGM AGM  4580"
)
BBC_KOREA = (
    " 7355 1630 1700 44NE                           TAC  100 68       12 218 23456   130426 251026 D  6850 Kor"
    "        UZB BBC ENC  3997                     KOREA"
)

# A26all00.TXT line 140: World Music Radio from Borgerhout, all day written 0000 2359 (formats.md §3.4).
ALL_DAY_2359 = (
    " 5930 0000 2359 17-19,27-29,37N                BRG    4 0         0 700 1234567 290326 251026 D       Mul"
    "        DNK WMR DNK  3895                     Danish"
)


def parse(text: str, **tables: object) -> ScheduleRow:
    return parse_line(text, 2073, season=A26, sites=tables.get("sites", {}), broadcasters=tables.get("brc", {}))  # type: ignore[arg-type]


def test_fixed_width_fields_of_a_real_record() -> None:
    r = parse(VOA_12130)
    assert (r.frequency_khz, r.start_min, r.end_min) == (12130.0, 1230, 90)
    assert (r.days, r.weekdays) == ("23456", 0b0011111)  # 1 = Sunday, so 23456 is Mo-Fr
    assert (r.valid_from, r.valid_to) == (date(2026, 6, 25), date(2026, 7, 10))
    assert (r.target, r.site, r.power_kw, r.azimuth, r.slew, r.antenna) == ("44NE", "PHT", 250.0, 21, 0, 216)
    assert (r.modulation, r.design_frequency_khz, r.language, r.country) == ("D", 8750, "Kor", "PHL")
    assert (r.broadcaster, r.fmo, r.request_id, r.date_start, r.date_stop) == ("AGM", "AGM", 4594, "250626", "100726")


def test_a_2359_stop_is_the_end_of_the_day() -> None:
    r = parse(ALL_DAY_2359)
    assert (r.start_min, r.end_min, r.days) == (0, 1440, "1234567")
    assert r.window.duration == 1440


def test_single_date_sunday_entry() -> None:
    r = parse(SINGLE_SUNDAY)
    assert (r.valid_from, r.valid_to) == (date(2026, 7, 5), date(2026, 7, 5))
    assert r.days_rule.matches(date(2026, 7, 5))  # 5 Jul 2026 is a Sunday


def test_season_clips_validity_and_names_come_from_the_tables() -> None:
    sites = parse_sites((FIXTURES / "site.txt").read_text("latin-1").splitlines())
    brc = parse_broadcasters((FIXTURES / "broadcas.txt").read_text("latin-1").splitlines())
    r = parse(BBC_KOREA, sites=sites, brc=brc)
    assert r.valid_to == A26.end  # TDATE 251026 is the first day of B26
    assert (r.site_name, r.station, r.broadcaster, r.notes, r.slew) == (
        "Tashkent",
        r.broadcaster_name,
        "BBC",
        "KOREA",
        12,
    )
    assert r.station == "BBC Worldservice"


def test_header_names_the_season() -> None:
    assert season_in_header("; A26 ALL 21-jul-2026") == A26
    assert season_in_header("; Global HF Schedule") is None


def test_misaligned_and_bad_records_are_rejected_with_a_reason() -> None:
    shifted = " " + VOA_12130
    bad_date = VOA_12130.replace("100726", "320726")
    bad_time = VOA_12130.replace("2030", "2a30", 1)
    items = list(parse_hfcc([shifted, bad_date, bad_time], season=A26))
    assert all(isinstance(i, RejectedLine) for i in items)
    reasons = [i.error.reason for i in items if isinstance(i, RejectedLine)]
    assert "not aligned" in reasons[0]
    assert "320726" in reasons[1]
    assert "2a30" in reasons[2]


def test_excerpt_fixture_with_header_and_comments() -> None:
    lines = (FIXTURES / "A26all00-excerpt.TXT").read_text("latin-1").splitlines()
    items = list(parse_hfcc(lines, season=None))
    assert all(isinstance(i, ScheduleRow) for i in items)
    assert len(items) == len(lines) - 7
    assert all(i.valid_to <= A26.end for i in items if isinstance(i, ScheduleRow))  # season from the header


def test_real_file_parses_completely() -> None:
    lines = HFCC_A26.read_text("latin-1").splitlines()
    items = list(parse_hfcc(lines, season=None))
    rows = [i for i in items if isinstance(i, ScheduleRow)]
    records, past_midnight, to_midnight = (3305, 153, 193 + 19) if WHOLE_FILES else (566, 40, 49)
    assert (len(items), len(rows)) == (records, records)
    assert sum(r.end_min < r.start_min for r in rows) == past_midnight
    assert sum(r.end_min == 1440 for r in rows) == to_midnight  # stops written 2400, and 2359 (the end of the day)


@given(st.text(alphabet=st.characters(codec="latin-1"), max_size=170))
def test_no_line_crashes_the_parser(text: str) -> None:
    for item in parse_hfcc([text], season=A26):
        assert isinstance(item, ScheduleRow | RejectedLine)


@given(st.integers(0, 157), st.characters(codec="latin-1"))
def test_one_changed_character_gives_a_row_or_a_rejection(position: int, char: str) -> None:
    text = VOA_12130.ljust(158)
    changed = text[:position] + char + text[position + 1 :]
    for item in parse_hfcc([changed], season=A26):
        assert isinstance(item, ScheduleRow | RejectedLine)
