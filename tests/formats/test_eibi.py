"""Golden tests on real EiBi lines (research/formats.md §6) and the real files' counts."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from swtracker.domain.seasons import Season
from swtracker.errors import ParseError
from swtracker.formats.eibi import EibiParser, parse_batches, parse_eibi, parse_line
from swtracker.formats.records import JAMMER, RejectedLine, ScheduleRow
from swtracker.formats.text import MAX_SCHEDULE_LINE, OverlongLine, decoded_lines
from tests.conftest import EIBI_A25, EIBI_A26, FIXTURES, WHOLE_FILES

A26, A25, B25 = Season.parse("A26"), Season.parse("A25"), Season.parse("B25")


def row(text: str, season: Season = A26) -> ScheduleRow:
    return parse_line(text, 1, season)


def test_midnight_crossing_weekdays_and_p6_window() -> None:
    r = row("12130;2030-0130;Mo-Fr;USA;Voice of America;K;FE;/PHL-t;6;2506;1007")
    assert (r.start_min, r.end_min, r.days, r.weekdays) == (1230, 90, "Mo-Fr", 0b0011111)
    assert (r.valid_from, r.valid_to) == (date(2026, 6, 25), date(2026, 7, 10))
    assert (r.station, r.country, r.language, r.target, r.site, r.persistence) == (
        "Voice of America",
        "USA",
        "K",
        "FE",
        "/PHL-t",
        6,
    )
    assert r.active
    assert not r.irregular


def test_near_24h_crossing_window() -> None:
    r = row("3250;1950-1800;;KRE;KCBS Pyongyang;K;KRE;p;1;;[0526]")
    assert r.window.duration == 22 * 60 + 10
    assert r.last_heard == "2026-05"
    assert (r.valid_from, r.valid_to) == (A26.start, A26.end)


def test_p8_is_inactive_and_p4_is_winter_only() -> None:
    assert not row("7220;0300-0400;;KRE;Voice of Korea;K;FE;u;8;;").active
    p4 = "6170;1000-1100;;KRE;Voice of Korea;E;LAm;u;4;;[1223]"
    assert not row(p4).active
    assert row(p4, Season.parse("B26")).active
    p5 = "11510;1300-1400;;CLA;Free North Korea Radio;K;KRE;/UZB;5;;[0925]"
    assert row(p5).active
    assert not row(p5, Season.parse("B26")).active


def test_single_date_days_fold_into_validity() -> None:
    r = row("7370;0730-1000;5Apr;I;Marconi Radio Int.;I;Eu;xx;6;0504;0504")
    assert (r.valid_from, r.valid_to) == (date(2026, 4, 5), date(2026, 4, 5))
    outside = row("11690;2300-2400;24Dec;FIN;Scandinavian Weekend R.;FI;Eu;v;1;0112;2412")
    assert outside.valid_from > outside.valid_to  # 24 Dec is outside A26: never on air


def test_nth_and_last_weekday() -> None:
    first_sat = row("1602;0000-1800;1.Sa;FIN;Scandinavian Weekend R.;FI;FIN;v;5;;")
    assert first_sat.days_rule.matches(date(2026, 6, 6))
    assert not first_sat.days_rule.matches(date(2026, 6, 13))
    last_sun = row("3900;0800-0830;Last7;NZL;NZART Official Broadc.;E;NZL;xx;3;;")
    assert last_sun.days_rule.matches(date(2026, 6, 28))
    assert not last_sun.days_rule.matches(date(2026, 6, 21))


@pytest.mark.parametrize(
    "text",
    [
        "873;2000-2200;irr;HNG;Nemzetiségi Rádió;D;HNG;lh;2;;[1018]",
        "5765;0000-2400;spur;B;Rádio Voz Missionária;P;B;cb;1;;[0525]",
        "3458;0000-2400;LSB;CHN;Beijing Volmet x15,x45;E;FE;;1;;[0122]",
        "9835;1600-1630;Test;VTN;Voice of Vietnam;E;Eu;s;6;2703;3103",
        "5871;1900-0400;spur;CLA;Iran International TV;FS;IRN;/BUL-s;6;2903;1104[0426]",
    ],
)
def test_non_schedule_words_are_irregular_rows_with_raw_days(text: str) -> None:
    r = row(text)
    assert r.irregular
    assert r.days == text.split(";")[2]


def test_b_season_dates_wrap_at_new_year() -> None:
    r = row("720;1530-1700;;G;BBC;E;ME;/CYP;6;2610;1103", B25)
    assert (r.valid_from, r.valid_to) == (date(2025, 10, 26), date(2026, 3, 11))
    r = row("12060;1200-1300;1Jan;D;SM Radio Dessau;D;Eu;/ARM;6;2512;0101", B25)
    assert (r.valid_from, r.valid_to) == (date(2026, 1, 1), date(2026, 1, 1))


def test_stop_with_last_heard_and_p1_open_start() -> None:
    r = row("1386;1830-1900;;G;BBC;R;EEu;/LTU-v;6;2903;3006[0725]")
    assert (r.valid_to, r.last_heard, r.date_stop) == (date(2026, 6, 30), "2025-07", "3006")
    r = row("5980;1705-1805;;J;Shiokaze;J;KRE;y;1;0107;")
    assert (r.valid_from, r.valid_to) == (date(2026, 7, 1), A26.end)


def test_jammer_rows_are_kind_jammer() -> None:
    assert row("6015;0350-2400;;KRE;Noise Jammer;;KRE;;1;;[0526]").kind == JAMMER
    assert row("7470;1100-1300;;CHN;CNR1 Jammer/Firedrake;M;FE;;0;;").kind == JAMMER
    assert row("7470;1100-1300;;USA;Voice of America;M;FE;/PHL-t;0;;").kind == "broadcast"


def test_decimal_and_vlf_frequencies_and_commas_in_names() -> None:
    assert row("13760.4;1300-1400;;KRE;Voice of Korea;E;Eu;u;5;;[0626]").frequency_khz == 13760.4
    assert row("16.3;0000-2400;;IND;VTX1 Indian Navy;-TY;SAs;;1;;").frequency_khz == 16.3
    assert row("700;0000-2400;;USA;WLW Cincinnati, OH;E;USA;ci;1;;").station == "WLW Cincinnati, OH"


@pytest.mark.parametrize(
    ("text", "field", "reason"),
    [
        ("8167;1000-1010;Su;RUS;E06 Russian Spy Numbers;E;RUS;or;1;0102;28021", "stop", "28021"),
        ("19132;1540-1550;Tu,Fr;RUS;E07 Russian Spy Numbers;E;RUS;m;1;0107;3107f", "stop", "3107f"),
        ("8861;0000-2400;;IND;Chennai Radio;E;SAs;;1;;[02221]", "stop", "[02221]"),
        ("9750;0950-1605;;CHN;PBS Nei Menggu;MO;CHN;hh;1;;[05123]", "stop", "[05123]"),
        ("9750;25x0-1605;;CHN;PBS;MO;CHN;hh;1;;", "time", "25x0"),
        ("abc;0950-1605;;CHN;PBS;MO;CHN;hh;1;;", "kHz", "abc"),
        ("9750;0950-1605;;CHN;PBS;MO;CHN;hh;7;;", "P", "7"),
        ("9750;0950-1605;;CHN;PBS;MO;CHN;hh;1;3102;", "start", "3102"),
        ("9750;0950-1605;;CHN;;MO;CHN;hh;1;;", "station", "empty"),
    ],
)
def test_malformed_values_are_rejected_with_the_field_never_guessed(text: str, field: str, reason: str) -> None:
    [rejected] = list(parse_eibi([text], season=A26, first_line=3566))
    assert isinstance(rejected, RejectedLine)
    assert (rejected.line, rejected.error.line, rejected.error.field) == (3566, 3566, field)
    assert reason in rejected.error.reason


def test_wrong_field_count_is_rejected() -> None:
    [rejected] = list(parse_eibi(["7615;2000-2100;;CLA;FNKR;K;KRE;/UZB;1;"], season=A26, first_line=2))
    assert isinstance(rejected, RejectedLine)
    assert "expected 11 fields" in rejected.error.reason


def test_excerpt_fixture_reads_as_latin1_with_crlf() -> None:
    data = (FIXTURES / "sked-a26-excerpt.csv").read_bytes()
    lines = list(decoded_lines([data]))
    parsed = list(parse_eibi(lines, season=A26))
    rows = [p for p in parsed if isinstance(p, ScheduleRow)]
    assert any(r.station == "Rádio Clube do Pará" for r in rows)
    assert sorted(p.error.reason.split()[0] for p in parsed if isinstance(p, RejectedLine)) == ["'28021'", "'3107f'"]


def _parse_file(path: object, season: Season) -> list[ScheduleRow | RejectedLine]:
    data = path.read_bytes()  # type: ignore[attr-defined]
    return list(parse_eibi(decoded_lines([data]), season=season))


def test_real_a26_file_counts() -> None:
    parsed = _parse_file(EIBI_A26, A26)
    rows = [p for p in parsed if isinstance(p, ScheduleRow)]
    rejected = [p for p in parsed if isinstance(p, RejectedLine)]
    # The excerpt keeps every rejected, irregular and jammer line of the whole file: only the other counts differ.
    lines, past_midnight, inactive = (9391, 369, 72 + 359) if WHOLE_FILES else (1477, 180, 120)  # P=8 and P=4
    assert (len(parsed), len(rows), [r.line for r in rejected]) == (lines, lines - 2, [3566, 9180])
    assert sum(r.irregular for r in rows) == 104 + 14 + 4 + 4 + 4 + 2  # irr, Test, spur, LSB, USB, Tests
    assert sum(r.end_min < r.start_min for r in rows) == past_midnight
    assert sum(not r.active for r in rows) == inactive
    assert sum(r.kind == JAMMER for r in rows) == 210 + 3 + 3 + 1


def test_real_a25_file_counts() -> None:
    parsed = _parse_file(EIBI_A25, A25)
    rejected = [p.line for p in parsed if isinstance(p, RejectedLine)]
    assert (len(parsed), rejected) == (9750 if WHOLE_FILES else 1421, [4202, 4443, 5278, 9552])


@given(st.text(alphabet=st.characters(codec="latin-1"), max_size=120))
def test_no_line_crashes_the_parser(text: str) -> None:
    for item in parse_eibi([text], season=A26, first_line=2):
        assert isinstance(item, ScheduleRow | RejectedLine)


@given(st.lists(st.text(alphabet="0123456789;-.[]abKMoTuWeFrSa ", max_size=12), min_size=11, max_size=11))
def test_no_field_combination_crashes_the_parser(fields: list[str]) -> None:
    for item in parse_eibi([";".join(fields)], season=A26, first_line=2):
        assert isinstance(item, ScheduleRow | RejectedLine)


def _one_at_a_time(lines: list[str], season: Season) -> list[tuple[object, ...]]:
    """The oracle: every line through the rules alone (a new parser per line: nothing cached)."""
    out: list[tuple[object, ...]] = []
    for line, text in enumerate(lines, start=1):
        if not text or text.isspace() or (line == 1 and text.startswith("kHz")):
            continue
        try:
            out.append(EibiParser(season).parse_compact(text, line))
        except ParseError as error:
            out.append((line, text, str(error), error.field))
    return out


def _streamed(batches: list[list[str]], season: Season) -> list[tuple[object, ...]]:
    return [
        (item.line, item.text, str(item.error), item.error.field) if isinstance(item, RejectedLine) else item
        for batch in parse_batches(batches, season=season)
        for item in batch
    ]


def _again(lines: list[str], season: Season) -> list[list[str]]:
    """The lines, then the accepted ones again and all of them again: the later batches repeat texts seen."""
    accepted = [item[0] for item in _one_at_a_time(lines, season) if type(item[1]) is float]
    return [lines, [lines[number - 1] for number in accepted if isinstance(number, int)], lines]


# Field values of real lines and near misses. Lines are drawn as a few base lines, each repeated with a field or
# two changed: so the shortcut of parse_compact (parts seen before) is taken, next to lines that differ in one.
FIELD_VALUES = (
    (
        "7615",
        "9750",
        "9750.5",
        "abc",
        "5",
        "30001",
        " 7615",
        "1e3",
        "nan",
        "",
        " " * 200 + "6015",
        "0" * 200 + "6015",
        "7615\x00",
    ),
    ("2000-2100", "0950-1605", "25x0-1605", "1950-1800", ""),
    ("", "Mo-Fr", "1.Sa", "xyz", "irr"),
    ("CHN", "KRE", "", " USA ", "x" * 201),
    ("FNKR", "Voice of America", "", "  ", "Jammer", "PBS\x00"),
    ("K", "E", "K,E", ""),
    ("KRE", "FE", ""),
    ("/UZB", "hh", "p", ""),
    ("1", "8", "7", "94", ""),
    ("", "2506", "3102", "3006"),
    ("", "1007", "[0526]", "3006[0725]", "3107f", "[1326]"),
)
_bases = st.lists(st.integers(0, 1), min_size=11, max_size=11)  # mostly well-formed values
_changes = st.lists(st.tuples(st.integers(1, 10), st.integers(0, 9)), max_size=2)


@given(
    st.lists(_bases, min_size=1, max_size=3),
    st.lists(
        st.tuples(st.integers(0, 2), st.integers(0, 12), _changes, st.sampled_from(["", "", ";extra"])),
        min_size=1,
        max_size=40,
    ),
    st.booleans(),
)
def test_streamed_rows_are_the_rules_rows_line_by_line(
    bases: list[list[int]], variants: list[tuple[int, int, list[tuple[int, int]], str]], header: bool
) -> None:
    lines = ["kHz;Time(UTC);Days;ITU;Station;Lng;Target;Remarks;P;Start;Stop"] * header
    for base, frequency, changes, extra in variants:
        pick = [frequency, *bases[base % len(bases)][1:]]
        for field, value in changes:
            pick[field] = value
        lines.append(";".join(values[i % len(values)] for values, i in zip(FIELD_VALUES, pick, strict=True)) + extra)
    batches = _again(lines, A26)
    assert _streamed(batches, A26) == _one_at_a_time([line for batch in batches for line in batch], A26)


def test_streamed_rows_of_the_real_files_are_the_rules_rows_line_by_line() -> None:
    for path, season in ((EIBI_A26, A26), (EIBI_A25, A25)):
        batches = _again(list(decoded_lines([path.read_bytes()])), season)
        assert _streamed(batches, season) == _one_at_a_time([line for batch in batches for line in batch], season)


def test_an_overlong_line_is_rejected_even_when_its_head_is_a_line_seen_before() -> None:
    seen = "7615;2000-2100;;CLA;Free North Korea Radio ..;K;KRE;/UZB;1;;"
    assert len(seen) == 60  # an OverlongLine keeps 60 characters: here, exactly the line seen
    overlong = OverlongLine(seen + "x" * 70_000, 70_060, MAX_SCHEDULE_LINE)
    assert overlong == seen
    batches = [[seen] * 3, [seen, overlong, seen]]
    rows = [item for batch in parse_batches(batches, season=A26) for item in batch]
    assert [type(item) for item in rows] == [tuple] * 4 + [RejectedLine, tuple]
    assert "70,060 bytes long" in rows[4].error.reason  # type: ignore[union-attr]


def test_a_line_of_seen_texts_but_a_new_frequency_or_rest_goes_by_the_rules() -> None:
    seen = "7615;2000-2100;;CLA;FNKR;K;KRE;/UZB;1;;"
    other = "9750;0950-1605;;CHN;PBS;MO;CHN;hh;1;;"
    again = [
        "abc;2000-2100;;CLA;FNKR;K;KRE;/UZB;1;;",  # the rest seen, the kHz text not
        "5;2000-2100;;CLA;FNKR;K;KRE;/UZB;1;;",
        "7615;0950-1605;;CHN;PBS;MO;CHN;hh;1;;",  # both texts seen, in different lines
        "9750;2000-2100;;CLA;FNKR;K;KRE;/UZB;1;2506;",  # the kHz text seen, the rest not
    ]
    batches = [[seen, other], *([line] for line in again)]  # each a run of its own
    assert _streamed(batches, A26) == _one_at_a_time([seen, other, *again], A26)
    rows = _streamed(batches, A26)
    assert [(row[0], row[1]) for row in rows] == [
        (1, 7615.0),
        (2, 9750.0),
        (3, "abc;2000-2100;;CLA;FNKR;K;KRE;/UZB;1;;"),
        (4, "5;2000-2100;;CLA;FNKR;K;KRE;/UZB;1;;"),
        (5, 7615.0),
        (6, 9750.0),
    ]


KHZ_TEXTS = {  # kHz texts never seen, before texts seen in an accepted line: frequency, or None = rejected
    " " * 200 + "6015": 6015.0,  # the line is long, but the kHz field stripped is not
    "0" * 200 + "6015": None,  # too long
    "6001": 6001.0,
    " 7615": 7615.0,
    "1e3": 1000.0,
    "9_750": 9750.0,
    "abc": None,
    "5": None,
    "30001": None,
    "nan": None,
    "7615\x00": None,
}


@pytest.mark.parametrize("count", [3, len(KHZ_TEXTS)])  # at most MAX_UNSEEN in a run, and more: line by line
def test_new_khz_texts_before_seen_texts_get_the_khz_rule_alone(count: int) -> None:
    rest = ";2000-2100;;CLA;FNKR;K;KRE;/UZB;1;;"
    texts = list(KHZ_TEXTS)[:count]
    lines = ["7615" + rest, *(text + rest for text in texts), *["7615" + rest] * 20]
    batches = [lines[:1], lines[1:]]
    streamed = _streamed(batches, A26)
    assert streamed == _one_at_a_time(lines, A26)
    assert [row[1] if type(row[1]) is float else None for row in streamed[1 : count + 1]] == [
        KHZ_TEXTS[text] for text in texts
    ]
