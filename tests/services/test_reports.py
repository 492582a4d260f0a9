"""Reports service: attribution on the real schedules, bulk import (idempotent, strict, conflicts) and export,
each checked in the database itself."""

from __future__ import annotations

import io
import random
import re
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from swtracker.domain.frequency import parse_frequency
from swtracker.domain.report import ListenerReport
from swtracker.errors import InputError, NotFoundError, SwtrackerError, UsageError
from swtracker.formats.reports_csv import HEADER
from swtracker.services.database import Database
from swtracker.services.report_transfer import export_reports, import_reports
from swtracker.services.reports import (
    ReportQuery,
    delete_report,
    edit_report,
    list_reports,
    log_report,
    option_errors,
    show_report,
)
from swtracker.services.setup import open_database
from swtracker.services.summary import SummaryQuery, summarize

NOW = datetime(2026, 11, 1, tzinfo=UTC)
HEAD = ",".join(HEADER)
FNKR_AT = datetime(2026, 7, 1, 20, 30, tzinfo=UTC)  # EiBi A26 3347: 7615;2000-2100;;CLA;Free North Korea Radio


def rows(database: Database, sql: str = "SELECT * FROM report ORDER BY id") -> list[dict[str, Any]]:
    engine = create_engine(database.url)
    with engine.connect() as connection:
        found = [dict(row._mapping) for row in connection.execute(text(sql))]
    engine.dispose()
    return found


def typed(frequency: str, at: datetime, status: str = "jammed", **fields: str) -> ListenerReport:
    """A report as `swtracker log` makes it from its options."""
    with option_errors():
        return ListenerReport(
            uid=uuid.uuid4().hex, observed_at=at, frequency_khz=parse_frequency(frequency), status=status, **fields
        )


def log(database: Database, frequency: str, at: datetime, status: str = "jammed", **fields: str) -> dict[str, Any]:
    logged = log_report(database, typed(frequency, at, status, **fields), now=NOW)
    [row] = rows(database, f"SELECT * FROM report WHERE id = {logged.report.id}")
    return row


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join([HEAD, *lines]) + "\n", encoding="utf-8")
    return path


def test_a_report_is_matched_to_the_one_station_on_air(a26: Database) -> None:
    row = log(a26, "7615", FNKR_AT, sio="343j", jammer="noise", reporter="JA1XYZ", location="pm37lm")
    assert row["attribution"] == "matched"
    assert row["station_name"] == "Free North Korea Radio"
    assert row["candidates"] == ""
    # The curated file and EiBi both list this broadcast: one station, so one candidate; the entry kept is the
    # closest in frequency, then the lowest id (the bundled file is loaded first).
    assert row["schedule_ref"] == "free-north-korea-radio:183 2000-2100"
    assert row["site"] == "/UZB"
    assert (row["utc_date"], row["utc_hour"], row["utc_weekday"], row["utc_month"]) == (20260701, 20, 2, 202607)
    assert (row["sio"], row["sinpo"], row["jammer"], row["location"]) == ("343j", None, "noise", "PM37lm")
    station = rows(a26, f"SELECT key FROM station WHERE id = {row['station_id']}")
    assert station == [{"key": "free-north-korea-radio"}]


def test_log_returns_the_report_as_stored(a26: Database) -> None:
    """`log` inserts with Core and reads its row back: the report it shows is the one `reports show` reads through
    the ORM, down to the types (a frequency typed as 7615 is stored and shown as the float 7615.0)."""
    logged = log_report(a26, typed("7615", FNKR_AT, sio="343j", reporter="JA1XYZ", notes="weak"), now=NOW)
    assert logged.report == show_report(a26, str(logged.report.id))
    assert type(logged.report.report.frequency_khz) is float
    assert logged.report.created_at == NOW
    assert logged.report.attribution.station_name == "Free North Korea Radio"


def test_the_bundled_schedules_alone_attribute_it_too(database: Database) -> None:
    row = log(database, "7.615 MHz", FNKR_AT + timedelta(minutes=10), status="blocked")
    assert (row["attribution"], row["station_name"]) == ("matched", "Free North Korea Radio")


def test_a_jammer_on_the_channel_is_never_a_candidate(a26: Database) -> None:
    # EiBi 3258 CNR1 Jammer/Firedrake and 3260 Voice of America share 7470;1100-1300.
    row = log(a26, "7470", datetime(2026, 7, 1, 11, 30, tzinfo=UTC))
    assert (row["attribution"], row["station_name"], row["schedule_ref"]) == (
        "matched",
        "Voice of America",
        "sked-a26:3260 1100-1300",
    )


def test_only_a_jammer_on_air_leaves_the_report_unattributed(a26: Database) -> None:
    # EiBi 1632: 4790;1230-1330 CNR1 Jammer/Firedrake, and no broadcast within 2.5 kHz.
    row = log(a26, "4790", datetime(2026, 7, 1, 12, 30, tzinfo=UTC))
    assert (row["attribution"], row["station_id"], row["station_name"], row["schedule_ref"]) == (
        "unattributed",
        None,
        "",
        None,
    )


def test_co_channel_stations_make_the_report_ambiguous(a26: Database) -> None:
    # 6015 kHz at 12:30: KBS Hanminjok (curated and EiBi 2068: one station), PBS Xinjiang (EiBi 2065), and the
    # Noise Jammer (EiBi 2070, not a candidate).
    logged = log_report(a26, typed("6015", datetime(2026, 7, 1, 12, 30, tzinfo=UTC), "blocked"), now=NOW)
    [row] = rows(a26)
    assert row["attribution"] == "ambiguous"
    assert row["candidates"] == "KBS Hanminjok Bangsong; PBS Xinjiang"
    assert (row["station_id"], row["station_name"], row["schedule_ref"]) == (None, "", None)
    assert [name for name, _ in logged.choices] == ["KBS Hanminjok Bangsong", "PBS Xinjiang"]


@pytest.mark.parametrize("name", ["FNKR", "자유북한방송", "free north korea radio", "free-north-korea-radio"])
def test_a_given_station_resolves_through_aliases(database: Database, name: str) -> None:
    row = log(database, "7615", FNKR_AT, station=name)
    assert (row["attribution"], row["station_name"]) == ("given", "Free North Korea Radio")
    assert row["schedule_ref"] == "free-north-korea-radio:183 2000-2100"


def test_a_given_station_off_air_is_kept_without_an_entry(database: Database) -> None:
    row = log(database, "9999", FNKR_AT, station="FNKR", status="silent")
    assert (row["attribution"], row["station_name"], row["schedule_ref"], row["site"]) == (
        "given",
        "Free North Korea Radio",
        None,
        None,
    )


JAMMER_REFUSED = (
    "is a jammer (North Korean jamming): a report is about the broadcast being jammed; name the jammed station or "
    "none, and give the jammer type"
)


@pytest.mark.parametrize("name", ["north-korean-jammers", "KRE Noise Jammer", "North Korean Jamming"])
def test_a_report_is_never_attributed_to_a_jammer(database: Database, name: str) -> None:
    """Design §4: the jammer station (by key or alias) is refused where a listener names a station, whether
    the report is logged or edited; the jammer type goes in --jammer."""
    at = datetime(2026, 7, 1, 12, tzinfo=UTC)
    with pytest.raises(InputError, match=re.escape(f"--station '{name}' {JAMMER_REFUSED} with --jammer")):
        log(database, "6015", at, station=name)
    assert rows(database) == []
    row = log(database, "6015", at, station="KBS Hanminjok", jammer="noise")
    with pytest.raises(InputError, match=re.escape(f"--station '{name}' {JAMMER_REFUSED} with --jammer")):
        edit_report(database, str(row["id"]), {"station": name})
    assert rows(database) == [row]


def test_an_eibi_jammer_station_is_refused_too(a26: Database) -> None:
    """Stations made from EiBi jammer rows (CNR1 Jammer/Firedrake, Chinese Jammer) are jammers as well; a
    station with broadcasts is not, whatever its name."""
    with pytest.raises(InputError, match=r"^--station 'CNR1 Jammer/Firedrake' is a jammer \(CNR1 Jammer/Firedrake\)"):
        log(a26, "4790", datetime(2026, 7, 1, 12, 30, tzinfo=UTC), station="CNR1 Jammer/Firedrake")
    assert log(a26, "7470", datetime(2026, 7, 1, 11, 30, tzinfo=UTC), station="VOA")["attribution"] == "given"


def test_an_import_row_naming_a_jammer_is_a_bad_row(database: Database, tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.csv",
        "u1,2026-07-01T12:00Z,6015,KBS Hanminjok,jammed,,noise,,,,",
        "u2,2026-07-01T12:00Z,6015,KRE Noise Jammer,jammed,,noise,,,,",
        "u3,2026-07-01T12:05Z,6015,,jammed,,,,,,",
        "u4,2026-07-01T12:10Z,6015,KRE Noise Jammer,blocked,,,,,,",
    )
    result = import_reports(database, path, now=NOW)
    assert (result.imported, result.refused) == (2, False)
    refused = f"station: 'KRE Noise Jammer' {JAMMER_REFUSED} in the jammer column"
    assert [str(e) for e in result.bad] == [f"{path}:3: {refused}", f"{path}:5: {refused}"]
    stored = rows(database)
    assert [(r["uid"], r["attribution"], r["station_name"]) for r in stored] == [
        ("u1", "given", "KBS Hanminjok Bangsong"),
        ("u3", "matched", "KBS Hanminjok Bangsong"),  # the jammer on 6015 is never a candidate either
    ]


def test_unknown_station_suggests_close_names(database: Database) -> None:
    with pytest.raises(NotFoundError, match=r"station 'FNKX': no such station; did you mean .*'FNKR?'"):
        log(database, "7615", FNKR_AT, station="FNKX")
    assert rows(database) == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"sinpo": "63333"}, "--sinpo 63333: S (signal) must be 1-5, not 6"),
        ({"sio": "3x6"}, "--sio 3x6: O (overall) must be 1-5, not 6"),
        ({"status": "clear", "sio": "343j"}, "--sio 343j: j marks jamming, which contradicts the status clear"),
        ({"status": "loud"}, "--status 'loud' is not a status"),
        ({"location": "PZ37"}, "--location PZ37: field letter 2 must be A-R, not Z"),
        ({"jammer": "buzz"}, "--jammer 'buzz' is not a jammer type"),
    ],
)
def test_bad_values_name_the_option(database: Database, fields: dict[str, str], message: str) -> None:
    status = fields.pop("status", "jammed")
    # A status or jammer type outside its list is a usage error (exit 2); the other values are data (65).
    with pytest.raises(SwtrackerError, match=message.replace("(", r"\(").replace(")", r"\)")) as raised:
        log(database, "7615", FNKR_AT, status=status, **fields)
    choice = message.startswith(("--status", "--jammer"))
    assert raised.type is (UsageError if choice else InputError)
    assert rows(database) == []


def test_a_future_instant_is_refused_but_clock_skew_is_not(database: Database) -> None:
    with pytest.raises(InputError, match=r"--at 2026-11-01T01:00:00Z is in the future"):
        log(database, "7615", NOW + timedelta(hours=1))
    assert log(database, "7615", NOW + timedelta(minutes=3))["attribution"] == "unattributed"


def test_edit_validates_the_whole_report_and_reattributes(a26: Database) -> None:
    row = log(a26, "6015", datetime(2026, 7, 1, 12, 30, tzinfo=UTC), jammer="noise")
    ident = str(row["id"])
    with pytest.raises(InputError, match="--jammer noise: a jammer contradicts the status clear"):
        edit_report(a26, ident, {"status": "clear"})
    edited = edit_report(a26, ident, {"status": "clear", "jammer": "", "station": "PBS Xinjiang"})
    assert (edited.attribution.kind, edited.attribution.station_name, edited.report.jammer) == (
        "given",
        "PBS Xinjiang",
        None,
    )
    [stored] = rows(a26)
    assert (stored["attribution"], stored["status"], stored["schedule_ref"]) == (
        "given",
        "clear",
        "sked-a26:2065 1155-1800",
    )
    edit_report(a26, row["uid"], {"sio": "343", "station": "", "notes": "  faded  "})
    [stored] = rows(a26)
    assert (stored["attribution"], stored["sio"], stored["sinpo"], stored["notes"]) == (
        "ambiguous",
        "343",
        None,
        "faded",
    )
    assert delete_report(a26, ident).id == row["id"]
    assert rows(a26) == []
    with pytest.raises(NotFoundError, match="report '1': no such report"):
        delete_report(a26, "1")


def test_import_attributes_like_log(a26: Database, tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.csv",
        "u1,2026-07-01T20:30Z,7615,,jammed,,,,,,",
        "u2,2026-07-01T12:30Z,6015,,blocked,,,,,,",
        "u3,2026-07-01T12:30Z,4790,,jammed,,,,,,",
        "u4,2026-07-01T20:30Z,7615,FNKR,jammed,343j,,,,,",
        "u5,2026-07-01T11:30Z,7470,,clear,,,,,,",
    )
    result = import_reports(a26, path, now=NOW)
    assert (result.read, result.imported, result.bad) == (5, 5, [])
    assert dict(result.attributions) == {"matched": 2, "ambiguous": 1, "unattributed": 1, "given": 1}
    found = [(r["uid"], r["attribution"], r["station_name"], r["candidates"], r["schedule_ref"]) for r in rows(a26)]
    assert found == [
        ("u1", "matched", "Free North Korea Radio", "", "free-north-korea-radio:183 2000-2100"),
        ("u2", "ambiguous", "", "KBS Hanminjok Bangsong; PBS Xinjiang", None),
        ("u3", "unattributed", "", "", None),
        ("u4", "given", "Free North Korea Radio", "", "free-north-korea-radio:183 2000-2100"),
        ("u5", "matched", "Voice of America", "", "sked-a26:3260 1100-1300"),
    ]


def test_bulk_attribution_agrees_with_the_on_air_sql(a26: Database, tmp_path: Path) -> None:
    """Import attributes from one prefetch and the domain rule; `log` asks the on-air SQL per report. On real
    schedules, around midnight and season edges, both must decide the same."""
    rng = random.Random(5)
    frequencies = ["6015", "7615", "7340", "7470", "5920", "9930", "11560", "12130", "4790", "3250", "9445", "1170"]
    instants = [
        datetime(2026, 3, 28, tzinfo=UTC) + timedelta(minutes=rng.randrange(0, 220 * 1440, 15)) for _ in range(150)
    ]
    lines = [f"b{i},{at.isoformat()},{rng.choice(frequencies)},,jammed,,,,,," for i, at in enumerate(instants)]
    assert import_reports(a26, write(tmp_path / "r.csv", *lines), now=NOW).imported == len(lines)
    for i, at in enumerate(instants):
        frequency = lines[i].split(",")[2]
        log_report(a26, typed(frequency, at, "jammed", notes=f"b{i}"), now=NOW)
    columns = "attribution, station_id, candidates, site, schedule_ref"
    imported = rows(a26, f"SELECT uid AS k, {columns} FROM report WHERE notes IS NULL ORDER BY uid")
    logged = rows(a26, f"SELECT notes AS k, {columns} FROM report WHERE notes IS NOT NULL ORDER BY notes")
    assert imported == logged
    assert {r["attribution"] for r in imported} >= {"matched", "ambiguous", "unattributed"}


def test_reimport_is_idempotent_and_conflicts_are_reported(database: Database, tmp_path: Path) -> None:
    lines = [
        "u1,2026-07-01T20:30Z,7615,FNKR,jammed,34333,noise,JA1XYZ,PM37,,",
        ",2026-07-01T20:31Z,7615,,blocked,,,JA1XYZ,,,",  # no uid: one is made from the content
    ]
    first = import_reports(database, write(tmp_path / "a.csv", *lines), now=NOW)
    assert (first.imported, first.unchanged, first.bad) == (2, 0, [])
    before = rows(database)
    # Re-import, and a merge of the same rows (station spelled another way) with the rows of another listener.
    merged = [lines[0].replace("FNKR", "자유북한방송"), lines[1], "u9,2026-07-01T20:40Z,7615,,clear,,,HL1ABC,,,"]
    again = import_reports(database, write(tmp_path / "b.csv", *merged), now=NOW)
    assert (again.imported, again.unchanged, again.bad) == (1, 2, [])
    assert rows(database)[:2] == before
    conflicting = import_reports(database, write(tmp_path / "c.csv", lines[0].replace("34333", "24333")), now=NOW)
    assert [str(e) for e in conflicting.bad] == [
        f"{tmp_path / 'c.csv'}:2: uid: uid u1 is already stored with another sinpo; not overwritten"
    ]
    assert rows(database)[0]["sinpo"] == "34333"


def test_uids_are_checked_against_the_store_a_chunk_at_a_time(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store is asked for a few uids at a time: a uid stored, or met earlier in the file, is still found
    when it comes again in a later chunk."""
    stored = "u1,2026-07-01T20:30Z,7615,FNKR,jammed,34333,noise,JA1XYZ,PM37,,"
    import_reports(database, write(tmp_path / "a.csv", stored), now=NOW)
    before = rows(database)
    monkeypatch.setattr("swtracker.services.report_transfer._CHUNK_ROWS", 2)
    new = "u5,2026-07-01T20:40Z,7615,,clear,,,HL1ABC,,,"
    lines = [new, stored, new, stored.replace("FNKR", "자유북한방송"), stored.replace("34333", "24333")]
    path = write(tmp_path / "b.csv", *lines, new.replace("clear", "silent"))
    result = import_reports(database, path, now=NOW)
    assert (result.read, result.imported, result.unchanged) == (6, 1, 3)
    assert [str(e) for e in result.bad] == [
        f"{path}:6: uid: uid u1 is already stored with another sinpo; not overwritten",
        f"{path}:7: uid: uid u5 is already stored with another status; not overwritten",
    ]
    assert rows(database)[:1] == before
    assert [(r["uid"], r["status"]) for r in rows(database)] == [("u1", "jammed"), ("u5", "clear")]


def test_strict_import_changes_nothing_when_a_row_is_bad(database: Database, tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.csv",
        "u1,2026-07-01T20:30Z,7615,FNKR,jammed,,,,,,",
        "u2,2026-07-01T20:30Z,7615,Free Nort Korea Radio,jammed,,,,,,",
        "u3,2026-07-01T20:30Z,7615,,jammed,63333,,,,,",
    )
    strict = import_reports(database, path, strict=True, now=NOW)
    assert (strict.imported, len(strict.bad)) == (0, 2)
    assert rows(database) == []
    lenient = import_reports(database, path, now=NOW)
    assert lenient.imported == 1
    assert [str(e) for e in lenient.bad] == [
        f"{path}:3: station: station 'Free Nort Korea Radio': no such station; did you mean 'Free North Korea Radio', "
        "'North Korea Reform Radio', 'North Korean jamming'?",
        f"{path}:4: sinpo: 63333: S (signal) must be 1-5, not 6",
    ]
    assert [r["uid"] for r in rows(database)] == ["u1"]


def test_import_is_refused_only_when_bad_rows_kept_everything_out(database: Database, tmp_path: Path) -> None:
    """`refused` (exit 65) when nothing was stored because rows were bad: all of them, or --strict and one. Good
    rows stored or already there make the bad ones a listing, as in the schedule import."""
    good, bad = "u1,2026-07-01T20:30Z,7615,FNKR,jammed,,,,,,", "u2,2026-07-01T20:30Z,7615,,jammed,63333,,,,,"
    all_bad = import_reports(database, write(tmp_path / "bad.csv", bad, bad.replace("u2", "u3")), now=NOW)
    assert (all_bad.imported, len(all_bad.bad), all_bad.refused) == (0, 2, True)
    mixed = write(tmp_path / "mixed.csv", good, bad)
    strict = import_reports(database, mixed, strict=True, now=NOW)
    assert (strict.imported, strict.refused) == (0, True)
    assert rows(database) == []
    lenient = import_reports(database, mixed, now=NOW)
    assert (lenient.imported, len(lenient.bad), lenient.refused) == (1, 1, False)
    again = import_reports(database, mixed, now=NOW)
    assert (again.imported, again.unchanged, len(again.bad), again.refused) == (0, 1, 1, False)
    assert import_reports(database, mixed, strict=True, now=NOW).refused
    assert not import_reports(database, write(tmp_path / "empty.csv"), now=NOW).refused


def test_an_unclosed_quote_does_not_swallow_the_next_row_into_notes(database: Database, tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.csv",
        'q1,2026-07-01T20:30Z,7615,,jammed,,,,,,"never closed',
        "q2,2026-07-01T20:31Z,7615,,jammed,,,,,,",
    )
    result = import_reports(database, path, now=NOW)
    assert (result.read, result.imported, result.refused) == (1, 0, True)
    assert [str(e) for e in result.bad] == [
        f'{path}:2: a quoted field (") is never closed; lines 2-3 were read as this one row'
    ]
    assert rows(database) == []


def test_export_then_import_elsewhere_round_trips(database: Database, other_bundled_db: str, tmp_path: Path) -> None:
    log(database, "7615", FNKR_AT, station="자유북한방송", sinpo="342x3", notes="=cmd|' /C calc'!A0")
    log(database, "6015", datetime(2026, 7, 1, 12, 30, tzinfo=UTC), status="blocked", sio="222j", location="서울")
    log(database, "9999", FNKR_AT, status="silent", reporter="@HL1ABC", receiver="-20 dB pad")
    first = io.StringIO(newline="")
    assert export_reports(database, ReportQuery(), first) == 3
    exported = tmp_path / "export.csv"
    exported.write_text(first.getvalue(), encoding="utf-8", newline="")
    assert "'=cmd|' /C calc'!A0" in first.getvalue()
    assert ",222j," in first.getvalue()

    other = open_database(other_bundled_db)
    try:
        assert import_reports(other, exported, now=NOW).imported == 3
        second = io.StringIO(newline="")
        export_reports(other, ReportQuery(), second)
        assert second.getvalue() == first.getvalue()
        stored = rows(other, "SELECT notes, location, reporter, receiver FROM report ORDER BY observed_at, id")
        assert [r["notes"] for r in stored if r["notes"]] == ["=cmd|' /C calc'!A0"]
        assert {r["reporter"] for r in stored} >= {"@HL1ABC"}
    finally:
        other.engine.dispose()


def test_list_filters_and_instants_match_between_log_and_import(database: Database, tmp_path: Path) -> None:
    log(database, "7615", FNKR_AT, station="FNKR", reporter="JA1XYZ")
    import_reports(database, write(tmp_path / "r.csv", "u1,2026-07-01T20:30Z,7615,,clear,,,ja1xyz,,,"), now=NOW)
    at_once = list_reports(database, ReportQuery(since=FNKR_AT, until=FNKR_AT + timedelta(seconds=1)))
    assert len(at_once) == 2
    assert len(list_reports(database, ReportQuery(reporter="JA1XYZ"))) == 2
    assert [r.report.status for r in list_reports(database, ReportQuery(status="clear"))] == ["clear"]
    assert len(list_reports(database, ReportQuery(station="FNKR"))) == 2
    assert list_reports(database, ReportQuery(freq="6000-7000")) == []
    assert len(list_reports(database, ReportQuery(limit=1))) == 1
    stored = rows(database, "SELECT observed_at FROM report")
    assert stored[0]["observed_at"] == stored[1]["observed_at"]


def test_list_and_export_refuse_until_before_since_as_summary_does(database: Database) -> None:
    """The period is checked when a ReportQuery is made (list and export both take one), by the check summary
    and coverage use, so all four commands give one message."""
    log(database, "7615", FNKR_AT)
    since, until = FNKR_AT + timedelta(minutes=1), FNKR_AT
    message = r"^--since 2026-07-01T20:31:00Z is not before --until 2026-07-01T20:30:00Z$"
    with pytest.raises(InputError, match=message):
        list_reports(database, ReportQuery(since=since, until=until))
    with pytest.raises(InputError, match=message):
        export_reports(database, ReportQuery(since=since, until=until), io.StringIO())
    with pytest.raises(InputError, match=message):
        summarize(database, SummaryQuery(since=since, until=until))
    with pytest.raises(InputError, match=message.replace("20:31", "20:30")):
        ReportQuery(since=FNKR_AT, until=FNKR_AT)  # until is exclusive: an empty period
    assert len(list_reports(database, ReportQuery(since=FNKR_AT, until=FNKR_AT + timedelta(minutes=1)))) == 1
