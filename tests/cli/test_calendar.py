"""`calendar` on the real EiBi A26 file: each Days form's RRULE, times past midnight, reminders, stable UIDs."""

from __future__ import annotations

import re
from pathlib import Path

import icalendar
import pytest

from tests.conftest import Cli


def events(data: bytes) -> dict[str, icalendar.Component]:
    """Events by `source:line` (from the description), read with icalendar."""
    calendar = icalendar.Calendar.from_ical(data)
    found = {}
    for event in calendar.walk("VEVENT"):
        match = re.search(r"(\S+) line (\d+)$", str(event["DESCRIPTION"]))
        assert match is not None
        found[f"{match.group(1)}:{match.group(2)}"] = event
    return found


def export(cli: type[Cli], db: str, tmp_path: Path, *args: str) -> tuple[bytes, str]:
    out = tmp_path / "schedule.ics"
    result = cli.ok(db, "calendar", "--source", "sked-a26", *args, "-o", str(out))
    return out.read_bytes(), result.stderr


def test_days_forms_become_rrules(cli: type[Cli], a26_db: str, tmp_path: Path) -> None:
    data, _ = export(cli, a26_db, tmp_path, "--freq", "1602")
    assert data.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//swtracker//")
    first_saturday = events(data)["sked-a26:643"]  # `1602;0000-1800;1.Sa;FIN;Scandinavian Weekend R.;FI;FIN;v`
    assert first_saturday["RRULE"].to_ical() == b"FREQ=MONTHLY;UNTIL=20261024T235959Z;BYDAY=1SA"
    assert first_saturday["DTSTART"].to_ical() == b"20260404T000000Z"  # A26's first Saturday
    assert first_saturday["DTEND"].to_ical() == b"20260404T180000Z"
    assert str(first_saturday["LOCATION"]).startswith("1602 kHz")
    assert str(first_saturday["SUMMARY"]).startswith("Scandinavian Weekend R.")

    # line 1405 `3900;0800-0830;Last7;NZL`: A26 starts on the last Sunday of March
    last_sunday = events(export(cli, a26_db, tmp_path, "--freq", "3900")[0])["sked-a26:1405"]
    assert last_sunday["RRULE"].to_ical() == b"FREQ=MONTHLY;UNTIL=20261024T235959Z;BYDAY=-1SU"
    assert last_sunday["DTSTART"].to_ical() == b"20260329T080000Z"

    single = events(export(cli, a26_db, tmp_path, "--freq", "7370")[0])["sked-a26:3110"]  # `7370;0730-1000;5Apr`
    assert "RRULE" not in single
    assert single["DTSTART"].to_ical() == b"20260405T073000Z"


def test_a_window_past_midnight_ends_the_next_day(cli: type[Cli], a26_db: str, tmp_path: Path) -> None:
    # line 6407: `12130;2030-0130;Mo-Fr;USA;Voice of America;K;FE;/PHL-t;6;2506;1007` (25 June to 10 July)
    data, _ = export(cli, a26_db, tmp_path, "--freq", "12130", "--station", "Voice of America")
    voa = events(data)["sked-a26:6407"]
    assert voa["DTSTART"].to_ical() == b"20260625T203000Z"  # a Thursday: the first valid weekday
    assert voa["DTEND"].to_ical() == b"20260626T013000Z"
    assert voa["RRULE"].to_ical() == b"FREQ=WEEKLY;UNTIL=20260710T235959Z;BYDAY=MO,TU,WE,TH,FR"
    assert "Voice of America" in str(voa["SUMMARY"])


def test_irregular_entries_are_left_out_and_counted(cli: type[Cli], a26_db: str, tmp_path: Path) -> None:
    data, stderr = export(cli, a26_db, tmp_path, "--freq", "873")
    # lines 231 and 232: `873;2000-2200;irr;HNG;Nemzetiségi Rádió;D;HNG;lh` and its `;p` twin
    assert "sked-a26:231" not in events(data)
    assert "sked-a26:230" in events(data)
    assert "left out 2 irregular entries" in stderr


def test_reminder_and_stable_uids(cli: type[Cli], a26_db: str, tmp_path: Path) -> None:
    first, _ = export(cli, a26_db, tmp_path, "--target", "KRE", "--remind", "5m")
    again, _ = export(cli, a26_db, tmp_path, "--target", "KRE")
    with_alarm, without = events(first), events(again)
    assert {str(e["UID"]) for e in with_alarm.values()} == {str(e["UID"]) for e in without.values()}
    assert len({str(e["UID"]) for e in with_alarm.values()}) == len(with_alarm) > 50
    alarms = [a for e in with_alarm.values() for a in e.walk("VALARM")]
    assert len(alarms) == len(with_alarm)
    assert {a["TRIGGER"].to_ical() for a in alarms} == {b"-PT5M"}
    assert not [a for e in without.values() for a in e.walk("VALARM")]


@pytest.mark.parametrize("value", ["0", "soon", "5d", ""])
def test_a_bad_reminder_is_refused(cli: type[Cli], bundled_db: str, value: str) -> None:
    result = cli.run(bundled_db, "calendar", "--remind", value)
    assert result.exit_code == 65
    assert "--remind" in result.stderr


def test_nothing_selected_is_a_valid_empty_calendar(cli: type[Cli], bundled_db: str, tmp_path: Path) -> None:
    out = tmp_path / "empty.ics"
    result = cli.ok(bundled_db, "calendar", "--freq", "29999", "-o", str(out))
    assert not icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert "calendar is valid and empty" in result.stderr
