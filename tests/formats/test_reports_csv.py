"""The interchange CSV of listener reports: validation with file:line: field errors, uids, spreadsheet-safe text."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from swtracker.domain.report import ListenerReport, ReportValues
from swtracker.domain.signal import JAMMER_TYPES, STATUSES
from swtracker.errors import ParseError
from swtracker.formats.reports_csv import HEADER, _Columns, parse_observed_at, read_report_chunks, write_reports
from swtracker.formats.spreadsheet import escape_formula, unescape_formula
from swtracker.formats.text import OverlongLine, utf8_lines
from tests.report_rows import ReadRow, read_reports

NOW = datetime(2026, 11, 1, tzinfo=UTC)
HEAD = ",".join(HEADER)


def read(text: str, now: datetime = NOW) -> list[ReadRow | ParseError]:
    return list(read_reports(utf8_lines(io.BytesIO(text.encode())), file="r.csv", now=now))


def records(text: str) -> list[ListenerReport]:
    found = read(text)
    assert all(isinstance(item, ReadRow) for item in found), found
    return [item.report for item in found if isinstance(item, ReadRow)]


def errors(text: str) -> list[str]:
    return [str(item) for item in read(text) if isinstance(item, ParseError)]


def test_a_row_as_listeners_write_it() -> None:
    text = (
        f"\ufeff{HEAD}\r\n"
        "a1,2026-07-01T20:30Z,7615,자유북한방송,Jammed,23332,Noise,JA1XYZ,pm37lm,IC-R75,weak with jamming\r\n"
    )
    [record] = records(text)
    assert record == ListenerReport(
        uid="a1",
        observed_at=datetime(2026, 7, 1, 20, 30, tzinfo=UTC),
        frequency_khz=7615.0,
        station="자유북한방송",
        status="jammed",
        sinpo="23332",
        sio=None,
        jammer="noise",
        reporter="JA1XYZ",
        location="PM37lm",
        receiver="IC-R75",
        notes="weak with jamming",
    )


def test_sio_in_the_sinpo_column_or_its_own() -> None:
    rows = records(
        f"{HEAD}\n"
        ",2026-07-01T21:30+09:00,7.615 MHz,,jammed,343j,,,,,\n"  # SIO with the BDXC jamming mark
        ",2026-07-01T12:30Z,6015 kHz,,silent,3x3,,,Seoul,,\n"
        ",2026-07-01T12:31Z,6015,,clear,,,,,,\n"
    )
    assert [(r.sinpo, r.sio, r.frequency_khz, r.location) for r in rows] == [
        (None, "343j", 7615.0, None),
        (None, "3x3", 6015.0, "Seoul"),
        (None, None, 6015.0, None),
    ]
    assert rows[0].observed_at == datetime(2026, 7, 1, 12, 30, tzinfo=UTC)
    [own_column] = records(f"sio,{HEAD}\n343,u1,2026-07-01T20:30Z,7615,,jammed,,,,,,\n")
    assert (own_column.sinpo, own_column.sio) == (None, "343")


def test_every_bad_row_is_reported_with_its_physical_line_and_field() -> None:
    text = (
        f"{HEAD}\n"
        'u1,2026-07-01T20:30Z,7615,FNKR,jammed,34333,noise,,,,"two\nline note"\n'  # lines 2-3
        "u2,2026-07-01T20:30Z,7615,,jammed,63333,,,,,\n"  # line 4
        "u3,2026-07-01T20:30Z,7615,,clear,343j,,,,,\n"
        "u4,2026-07-01T20:30Z,7615,,clear,,noise,,,,\n"
        "u5,2026-07-01 20:30,7615,,jammed,,,,,,\n"
        "u6,2026-07-01T20:30Z,7615,,jammed,3433,,,,,\n"
        "u7,2026-07-01T20:30Z,abc,,jammed,,,,,,\n"
        "u8,2026-07-01T20:30Z,7615,,loud,,,,,,\n"
        "u9,2026-07-01T20:30Z,7615,,jammed,,,,PZ37,,\n"
        "u10,2026-07-01T20:30Z,7615,,jammed\n"
        "\n"
        "u11,2027-01-01T00:00Z,7615,,jammed,,,,,,\n"
        "u12,2026-07-01T20:30Z,7615,,jammed,,buzz,,,,\n"
        "u13,2026-07-01T20:30Z,7615,,jammed,,,,,,x\x00y\n"
    )
    assert errors(text) == [
        "r.csv:4: sinpo: 63333: S (signal) must be 1-5, not 6",
        "r.csv:5: sinpo: 343j: j marks jamming, which contradicts the status clear",
        "r.csv:6: jammer: noise: a jammer contradicts the status clear (use jammed or blocked)",
        "r.csv:7: observed_at: '2026-07-01 20:30' has no UTC offset; add Z for UTC or +09:00",
        "r.csv:8: sinpo: 3433: give five SINPO digits (34333) or three SIO digits (343, 343j)",
        "r.csv:9: frequency_khz: 'abc' is not a frequency (7515, 7515 kHz or 7.515 MHz)",
        "r.csv:10: status: 'loud' is not a status; use clear, jammed, blocked or silent",
        "r.csv:11: location: PZ37: field letter 2 must be A-R, not Z",
        "r.csv:12: expected 11 fields, found 5",
        "r.csv:14: observed_at: 2027-01-01T00:00:00Z is in the future (now is 2026-11-01T00:00:00Z)",
        "r.csv:15: jammer: 'buzz' is not a jammer type; use noise, jet, pulse, warble, music, tone, radar or other",
        "r.csv:16: notes: contains a NUL byte",
    ]
    assert [item.line for item in read(text) if isinstance(item, ReadRow)] == [2]


def test_a_quote_never_closed_is_a_bad_row_not_the_rest_of_the_file() -> None:
    """The lenient csv reader took q2 into q1's notes and reported one good row; now q1 is refused with its
    line and the lines it swallowed, and nothing of q2 is stored as q1's text."""
    text = f'{HEAD}\nq1,2026-07-01T20:30Z,7615,,jammed,,,,,,"never closed\nq2,2026-07-01T20:31Z,7615,,jammed,,,,,,\n'
    [error] = read(text)
    assert isinstance(error, ParseError)
    assert str(error) == 'r.csv:2: a quoted field (") is never closed; lines 2-3 were read as this one row'
    assert errors(f'{HEAD}\nq1,2026-07-01T20:30Z,7615,,jammed,,,,,,"no newline at the end') == [
        'r.csv:2: a quoted field (") is never closed'
    ]


def test_quoted_newlines_still_read_and_keep_their_lines_before_a_bad_quote() -> None:
    text = (
        f"{HEAD}\n"
        'u1,2026-07-01T20:30Z,7615,,jammed,,,,,,"two\r\nline note"\n'  # lines 2-3
        '"u2",2026-07-01T20:31Z,7615,,"jammed",,,,,,"a ""quoted"" word"\n'  # line 4
        'u3,2026-07-01T20:32Z,7615,,jammed,,,,,,"closed"late\n'  # line 5: text after the closing quote
        "\n"
        'u4,2026-07-01T20:33Z,7615,,jammed,,,,,,"three\nline\nnote"\n'  # lines 7-9
        'u5,2026-07-01T20:34Z,7615,,jammed,,,,,,"open\n'  # lines 10-11
        "\n"
    )
    found = read(text)
    assert [(item.line, item.report.uid, item.report.notes) for item in found if isinstance(item, ReadRow)] == [
        (2, "u1", "two\r\nline note"),
        (4, "u2", 'a "quoted" word'),
        (7, "u4", "three\nline\nnote"),
    ]
    assert errors(text) == [
        "r.csv:5: ',' expected after '\"'",
        'r.csv:10: a quoted field (") is never closed; lines 10-11 were read as this one row',
    ]


def test_a_quote_never_closed_in_the_header_is_the_header_error() -> None:
    assert errors(f'"uid,{HEAD[4:]}\nu1,2026-07-01T20:30Z,7615,,jammed,,,,,,\n') == [
        'r.csv:1: header: a quoted field (") is never closed; lines 1-2 were read as this one row'
    ]


def test_a_clock_a_little_ahead_is_fine() -> None:
    ahead = (NOW + timedelta(minutes=4)).isoformat()
    assert len(records(f"{HEAD}\n,{ahead},7615,,jammed,,,,,,\n")) == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("uid,observed_at\n", "r.csv:1: header: expected the columns uid,observed_at,frequency_khz,station,status"),
        (f"{HEAD},colour\n", "found uid,observed_at,frequency_khz,station,status,sinpo,jammer,reporter,location"),
        (f"{HEAD},uid\n", "r.csv:1: header: expected the columns"),
    ],
)
def test_a_bad_header_is_one_error_for_the_file(text: str, message: str) -> None:
    [error] = errors(text + "u1,2026-07-01T20:30Z,7615,,jammed,,,,,,\n")
    assert message in error


def test_an_empty_file_is_an_error() -> None:
    assert errors("") == ["r.csv:1: header: the file is empty; expected a header row"]
    assert errors(f"{HEAD}\n") == []


def test_missing_uids_are_generated_from_the_content() -> None:
    row = ",2026-07-01T20:30Z,7615,FNKR,jammed,,,JA1XYZ,,,\n"
    first, again = records(f"{HEAD}\n{row}")[0], records(f"{HEAD}\n{row}")[0]
    assert first.uid == again.uid
    assert len(first.uid) == 32
    other = records(f"{HEAD}\n{row.replace('jammed', 'blocked')}")[0]
    assert other.uid != first.uid


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+82 2 123", "'+82 2 123"),
        ("-5 dB", "'-5 dB"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("'=already quoted", "''=already quoted"),
        ("'plain", "'plain"),
        ("weak with jamming", "weak with jamming"),
        ("자유북한방송", "자유북한방송"),
    ],
)
def test_formula_cells_are_neutralised_and_restored(value: str, written: str) -> None:
    assert escape_formula(value) == written
    assert unescape_formula(written) == value


@given(st.text())
def test_escaping_round_trips_any_text(text: str) -> None:
    assert unescape_formula(escape_formula(text)) == text
    assert escape_formula(text)[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_export_writes_the_design_header_and_sio_in_the_sinpo_column() -> None:
    record = ListenerReport(
        uid="u1",
        observed_at=datetime(2026, 7, 1, 20, 30, 15, 250000, tzinfo=UTC),
        frequency_khz=13760.4,
        station="=Voice of Korea",
        status="jammed",
        sio="343J",
        notes="-3 dB",
    )
    stream = io.StringIO(newline="")
    assert write_reports([record], stream) == 1
    assert stream.getvalue() == (
        f"{HEAD}\r\nu1,2026-07-01T20:30:15.250000Z,13760.4,'=Voice of Korea,jammed,343j,,,,,'-3 dB\r\n"
    )
    assert records(stream.getvalue()) == [record]


def _clean(text: str) -> bool:
    return text == text.strip() and "\x00" not in text


texts = st.text().filter(_clean)
EARLIEST, LATEST = datetime(1990, 1, 1), datetime(2026, 10, 1)  # noqa: DTZ001 (Hypothesis takes naive bounds)


# Built once: a strategy built inside the composite below (from_regex above all) is validated anew at every draw,
# which cost most of the round trip's time.
SIO = {
    jamming_allowed: st.one_of(
        st.none(), st.from_regex(r"[1-5x]{3}" + ("j?" if jamming_allowed else ""), fullmatch=True)
    )
    for jamming_allowed in (True, False)
}
STATUS = st.sampled_from(STATUSES)
SINPO = st.one_of(st.none(), st.from_regex(r"[1-5x]{5}", fullmatch=True))
UIDS = texts.filter(bool)
OBSERVED = st.datetimes(min_value=EARLIEST, max_value=LATEST, timezones=st.just(UTC))
FREQUENCIES = st.floats(min_value=10, max_value=30000)
OPTIONAL_TEXTS = st.one_of(st.none(), texts)
JAMMERS = st.one_of(st.none(), st.sampled_from(JAMMER_TYPES))
LOCATIONS = st.one_of(st.none(), texts, st.from_regex(r"[A-R]{2}[0-9]{2}([a-x]{2})?", fullmatch=True))
NOTES = st.one_of(st.none(), texts, st.from_regex(r"[=+\-@'][^\x00]*", fullmatch=True).filter(_clean))


@st.composite
def report_records(draw: st.DrawFn) -> ListenerReport:
    status = draw(STATUS)
    jamming_allowed = status != "clear"
    sio = draw(SIO[jamming_allowed])
    sinpo = None if sio else draw(SINPO)
    try:
        return ListenerReport(
            uid=draw(UIDS),
            observed_at=draw(OBSERVED),
            frequency_khz=draw(FREQUENCIES),
            station=draw(OPTIONAL_TEXTS),
            status=status,
            sinpo=sinpo,
            sio=sio,
            jammer=draw(JAMMERS) if jamming_allowed else None,
            reporter=draw(OPTIONAL_TEXTS),
            location=draw(LOCATIONS),
            receiver=draw(OPTIONAL_TEXTS),
            notes=draw(NOTES),
        )
    except ParseError:
        assume(False)
        raise


@settings(max_examples=200, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(st.lists(report_records(), max_size=5))
def test_export_then_import_gives_back_the_same_records(original: list[ListenerReport]) -> None:
    stream = io.StringIO(newline="")
    write_reports(original, stream)
    assert records(stream.getvalue()) == original


@settings(max_examples=200)
@given(st.lists(st.lists(st.text(), min_size=11, max_size=11), max_size=4))
def test_any_text_row_gives_a_record_or_an_error(rows: list[list[str]]) -> None:
    stream = io.StringIO(newline="")
    writer = csv.writer(stream)
    writer.writerow(HEADER)
    writer.writerows(rows)
    found = read(stream.getvalue())
    assert len(found) == len(rows)
    assert all(isinstance(item, ReadRow | ParseError) for item in found)


@given(st.text())
def test_any_file_text_gives_records_or_errors(text: str) -> None:
    for item in read_reports(io.StringIO(text, newline=""), file="r.csv", now=NOW):
        assert isinstance(item, ReadRow | ParseError)


@pytest.mark.parametrize(
    "text", ["0001-01-01T00:00Z", "0001-01-01T00:00+09:00", "9999-12-31T23:59-05:00", "1899-12-31T23:59Z"]
)
def test_observed_times_outside_1900_2199_are_refused(text: str) -> None:
    with pytest.raises(ParseError, match="outside the years 1900-2199") as caught:
        parse_observed_at(text)
    assert caught.value.field == "observed_at"


# Cells as listeners write them, good and bad: a chunk of such rows is checked a column at a time.
GOOD_CELLS = {
    "uid": ["", "a1", " a2 ", "'=x"],
    "observed_at": [
        "2026-07-01T20:30Z",
        "2026-07-01T21:30+09:00",
        " 2026-07-01T20:30:15.250+00:00",
        "2026-11-01T00:04Z",
    ],
    "frequency_khz": ["7615", "7.615 MHz", "6015.5", "6015 kHz"],
    "station": ["", "FNKR", " 자유북한방송 ", "'=SUM(A1)"],
    "status": ["jammed", "Clear", "silent", "blocked"],
    "sinpo": ["", "23332", "343j", "3x3", "35333"],
    "jammer": ["", "noise", "Jet"],
    "reporter": ["", "JA1XYZ", "'-x"],
    "location": ["", "PM37lm", "Seoul", "pm37"],
    "receiver": ["", "IC-R75", " Tecsun "],
    "notes": ["", "weak", "'+1", "- faded", "잡음"],
    "sio": [""],
}
BAD_CELLS = {
    "uid": ["a\x00", "u" * 201],
    "observed_at": [
        "2026-07-01 20:30",
        "2026-13-01T00:00Z",
        "1899-12-31T23:59Z",
        "2026-11-01T00:06Z",
        "0001-01-01T00:00+09:00",
    ],
    "frequency_khz": ["x", "99999"],
    "station": ["\x00"],
    "status": ["loud"],
    "sinpo": ["12", "343", "55555"],
    "jammer": ["banana"],
    "reporter": ["r" * 201],
    "location": ["ZZ99"],
    "receiver": ["x" * 4001],
    "notes": ["\x00"],
    "sio": ["343", "55"],
}


@st.composite
def report_rows(draw: st.DrawFn, with_sio: bool) -> list[list[str]]:
    """Rows of good cells, now and then one with a bad cell or a SIO given in its own column."""
    names = list(GOOD_CELLS) if with_sio else list(GOOD_CELLS)[:-1]
    rows = draw(st.lists(st.tuples(*(st.sampled_from(GOOD_CELLS[name]) for name in names)), min_size=1, max_size=6))
    cells = [list(row) for row in rows]
    for row in draw(st.lists(st.integers(0, len(cells) - 1), max_size=2)):
        column = draw(st.integers(0, len(names) - 1))
        cells[row][column] = draw(st.sampled_from(BAD_CELLS[names[column]]))
    return [names, *cells]


@settings(max_examples=300)
@given(st.booleans().flatmap(report_rows))
def test_a_chunk_checked_a_column_at_a_time_gives_what_row_by_row_gives(rows: list[list[str]]) -> None:
    """The bulk path (all rows at once, each rule once per distinct value) keeps every good row's values and
    finds the same bad rows, with the same errors, as checking one row at a time."""
    names, *cells = rows
    columns = _Columns(names)
    one_by_one: list[ReportValues | str] = []
    for line, row in enumerate(cells, start=2):
        try:
            one_by_one.append(columns.values(row, NOW))
        except ParseError as error:
            one_by_one.append(str(error.located(file="r.csv", line=line)))
    good = [values for values in one_by_one if isinstance(values, ReportValues)]
    if len(good) == len(cells):
        assert columns._checked_columns(cells, NOW).rows() == good
    else:
        with pytest.raises(ParseError):
            columns._checked_columns(cells, NOW)
    chunk = columns.chunk(list(range(2, len(cells) + 2)), cells, NOW, "r.csv")
    assert chunk.values.rows() == good
    assert [str(error) for error in chunk.errors] == [values for values in one_by_one if isinstance(values, str)]


FILE_LINES = [
    "a1,2026-07-01T20:30Z,7615,FNKR,jammed,23332,noise,JA1XYZ,PM37lm,IC-R75,weak\n",
    ",2026-07-01T20:31Z,6015,,clear,,,,Seoul,,\n",
    "\n",
    'a2,2026-07-01T20:32Z,7615,,silent,,,,,,"a note\n',
    'over two lines"\n',
    'a3,2026-07-01T20:33Z,7615,"FNKR,jammed\n',
    "a4,2026-07-01T20:34Z,loud,,clear,,,,,,\n",
    "a5,2026-07-01T20:35Z,7615,,clear,,,,,,\r\n",
    'a6,2026-07-01T20:36Z,7615,,clear,,,,,,"x"y\n',
]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(FILE_LINES), max_size=12), st.integers(1, 4), st.sets(st.integers(2, 13)))
def test_rows_read_a_few_lines_at_a_time_are_the_rows_read_at_once(
    lines: list[str], rows: int, overlong: set[int]
) -> None:
    """Lines are read in batches, each at C speed when every line is one row: rows that run over lines,
    quotes never closed, blank and overlong lines still get their own lines and errors, wherever a batch ends."""
    text = [f"{HEAD}\n", *lines]
    fed = [OverlongLine("x", 20_000, 10_000) if n in overlong else line for n, line in enumerate(text, 1)]

    def found(rows: int) -> list[tuple[int, ReportValues] | str]:
        chunks = list(read_report_chunks(iter(fed), file="r.csv", now=NOW, rows=rows))
        items: list[tuple[int, ReportValues] | str] = [str(error) for chunk in chunks for error in chunk.errors]
        items += [row for chunk in chunks for row in zip(chunk.lines, chunk.values.rows(), strict=True)]
        return sorted(items, key=lambda item: item if isinstance(item, str) else str(item[0]))

    assert found(rows) == found(5000) == found(1)
