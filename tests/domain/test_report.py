"""The report value: its checked fields (ReportValues) and the uid made for a report given without one."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from swtracker.domain.instants import EARLIEST, LATEST, format_instant
from swtracker.domain.report import _UID_NAMESPACE, ListenerReport, ReportValues, generated_uid, report_values


def test_a_uid_made_from_the_content_stays_what_earlier_versions_made() -> None:
    # Pinned: a file re-imported after an upgrade must give its rows without uid the same uids again.
    at = datetime(2026, 7, 1, 20, 30, tzinfo=UTC)
    assert generated_uid(at, 7615.0, "FNKR", "jammed", "JA1XYZ") == "a50389d1b27855969d65e3df27346309"
    at = datetime(2026, 7, 1, 20, 30, 0, 5, tzinfo=UTC)
    assert generated_uid(at, 6015.5, "자유북한방송", "blocked", None) == "b9d73dadc54d55e89c48414a777d8710"


TEXT = st.text(st.characters(exclude_categories=["Cs"]))  # what a UTF-8 file can hold


@given(
    st.datetimes(min_value=EARLIEST.replace(tzinfo=None), max_value=LATEST.replace(tzinfo=None, year=9998)),
    st.floats(min_value=0.001, max_value=1e6),
    st.none() | TEXT,
    st.sampled_from(["jammed", "blocked", "clear", "silent"]),
    st.none() | TEXT,
)
def test_the_made_uid_is_the_uuid5_of_the_content(
    naive: datetime, frequency: float, station: str | None, status: str, reporter: str | None
) -> None:
    at = naive.replace(tzinfo=UTC)
    key = f"{format_instant(at)}|{frequency!r}|{station or ''}|{status}|{reporter or ''}"
    assert generated_uid(at, frequency, station, status, reporter) == uuid.uuid5(_UID_NAMESPACE, key).hex


def test_a_report_is_made_of_its_checked_values() -> None:
    assert ReportValues._fields == tuple(ListenerReport.__dataclass_fields__)
    given_fields = {
        "uid": " ",
        "observed_at": datetime(2026, 7, 1, 21, 30, tzinfo=timezone(timedelta(hours=1))),
        "frequency_khz": 7615.0,
        "station": " FNKR ",
        "status": "Jammed",
        "sinpo": "23332",
        "sio": None,
        "jammer": "Noise",
        "reporter": "JA1XYZ",
        "location": "pm37lm",
        "receiver": "",
        "notes": " weak ",
    }
    report = ListenerReport(**given_fields)  # type: ignore[arg-type]
    values = report_values(**given_fields)  # type: ignore[arg-type]
    assert report.values() == values
    assert ListenerReport.from_values(values) == report
    assert values.observed_at == datetime(2026, 7, 1, 20, 30, tzinfo=UTC)
    assert values.observed_at.tzinfo is UTC
    assert (values.station, values.status, values.jammer, values.location) == ("FNKR", "jammed", "noise", "PM37lm")
    assert (values.receiver, values.notes) == (None, "weak")
    assert values.uid == generated_uid(values.observed_at, 7615.0, "FNKR", "jammed", "JA1XYZ")
