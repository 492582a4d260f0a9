"""A listener report: the one validated value that `log`, `reports edit`, the interchange CSV and the store
convert to and from (design §5). A value cannot be made with fields that contradict each other; an edit is a
`dataclasses.replace()`, which checks the whole report again."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from functools import lru_cache
from hashlib import sha1
from itertools import compress
from operator import attrgetter, methodcaller, not_
from typing import NamedTuple

from swtracker.domain.attribution import Attribution
from swtracker.domain.columns import each_distinct
from swtracker.domain.instants import format_instant, to_zone
from swtracker.domain.locator import parse_location
from swtracker.domain.signal import SioCode, check_jamming_agrees, parse_jammer, parse_sinpo, parse_sio, parse_status
from swtracker.errors import MAX_NAME_LENGTH, MAX_TEXT_LENGTH, NUL, NUL_REASON, ParseError, check_length

CLOCK_SKEW = timedelta(minutes=5)  # a listener's clock may run this far ahead of ours

# Namespace of the uids made for reports without one: the same report always gets the same uid.
_UID_NAMESPACE = uuid.UUID("5b0e8f4e-3c1d-4e52-9a57-7c2b1f0d6a11")


class ReportValues(NamedTuple):
    """A report's fields, checked and normalised: what `report_values` returns and ListenerReport is made of
    (the same fields in the same order). A bulk import keeps these, and makes no report object of each row."""

    uid: str
    observed_at: datetime
    frequency_khz: float
    station: str | None
    status: str
    sinpo: str | None
    sio: str | None
    jammer: str | None
    reporter: str | None
    location: str | None
    receiver: str | None
    notes: str | None


class ReportColumns(NamedTuple):
    """Many reports' fields as one sequence per field, in ReportValues' order: how a bulk import checks,
    attributes and stores its rows a chunk at a time, each rule mapped over a column."""

    uid: Sequence[str]
    observed_at: Sequence[datetime]
    frequency_khz: Sequence[float]
    station: Sequence[str | None]
    status: Sequence[str]
    sinpo: Sequence[str | None]
    sio: Sequence[str | None]
    jammer: Sequence[str | None]
    reporter: Sequence[str | None]
    location: Sequence[str | None]
    receiver: Sequence[str | None]
    notes: Sequence[str | None]

    @classmethod
    def of_rows(cls, rows: Sequence[ReportValues]) -> ReportColumns:
        if not rows:
            return cls(*([] for _ in cls._fields))
        return cls(*zip(*rows, strict=True))

    def rows(self) -> list[ReportValues]:
        return list(map(ReportValues._make, zip(*self, strict=True)))

    def row(self, index: int) -> ReportValues:
        return ReportValues._make(column[index] for column in self)

    def selected(self, keep: Sequence[bool]) -> ReportColumns:
        """The reports where `keep` is true."""
        return ReportColumns._make(list(compress(column, keep)) for column in self)


@dataclass(frozen=True, slots=True, kw_only=True, init=False)
class ListenerReport:
    """What a listener heard, validated and normalised on construction; ParseError names the field at fault.
    Text is stripped (empty means absent), codes are normalised, `observed_at` is UTC, and a report given
    without uid gets one derived from its content."""

    uid: str
    observed_at: datetime  # aware; stored as UTC
    frequency_khz: float
    station: str | None  # the name as given (resolved through aliases by the service)
    status: str
    sinpo: str | None
    sio: str | None
    jammer: str | None
    reporter: str | None
    location: str | None  # a checked Maidenhead locator, or free text
    receiver: str | None
    notes: str | None

    def __init__(
        self,
        *,
        uid: str = "",
        observed_at: datetime,
        frequency_khz: float,
        station: str | None = None,
        status: str,
        sinpo: str | None = None,
        sio: str | None = None,
        jammer: str | None = None,
        reporter: str | None = None,
        location: str | None = None,
        receiver: str | None = None,
        notes: str | None = None,
    ) -> None:
        values = report_values(
            uid, observed_at, frequency_khz, station, status, sinpo, sio, jammer, reporter, location, receiver, notes
        )
        self._set(values)

    @classmethod
    def from_values(cls, values: ReportValues) -> ListenerReport:
        """The report of values that `report_values` returned (checked already, so not checked again)."""
        report = object.__new__(cls)
        report._set(values)
        return report

    def _set(self, values: ReportValues) -> None:
        setter = object.__setattr__  # frozen
        for name, value in zip(ReportValues._fields, values, strict=True):
            setter(self, name, value)

    def values(self) -> ReportValues:
        """The fields, as `report_values` returns them."""
        return ReportValues(*(getattr(self, name) for name in ReportValues._fields))

    def check_not_future(self, now: datetime, zone: tzinfo | None = None) -> None:
        check_not_future(self.observed_at, now, zone)


def check_not_future(observed_at: datetime, now: datetime, zone: tzinfo | None = None) -> None:
    """A report of something not yet heard is refused (a listener's clock may run CLOCK_SKEW ahead). The
    message shows both instants in `zone`, the one the user typed in, when given; to the second at most."""
    if observed_at > now + CLOCK_SKEW:
        raise ParseError(
            f"{_shown(observed_at, zone)} is in the future (now is {_shown(now, zone)})", field="observed_at"
        )


def _shown(instant: datetime, zone: tzinfo | None) -> str:
    """`2026-11-01T01:00:00Z`, or in a zone `2026-11-01 10:00 KST (Asia/Seoul)`; never microseconds."""
    instant = instant.replace(microsecond=0)
    if zone is None:
        return format_instant(instant)
    local = to_zone(instant, zone)
    return f"{local:%Y-%m-%d %H:%M}" + (f":{local:%S}" if local.second else "") + f" {local.tzname()} ({zone})"


@dataclass(frozen=True, slots=True)
class StoredReport:
    """A report as stored: its number, what was heard, who it was put down to, and when it was logged."""

    id: int
    report: ListenerReport
    attribution: Attribution
    created_at: datetime


def report_values(
    uid: str,
    observed_at: datetime,
    frequency_khz: float,
    station: str | None,
    status: str,
    sinpo: str | None,
    sio: str | None,
    jammer: str | None,
    reporter: str | None,
    location: str | None,
    receiver: str | None,
    notes: str | None,
) -> ReportValues:
    """The rules of a report: its fields checked together and normalised, in declaration order (ListenerReport
    is made of them). ParseError names the field at fault."""
    if observed_at.tzinfo is None:
        raise ParseError(f"{observed_at.isoformat()} has no UTC offset", field="observed_at")
    status, sinpo, sio, jammer = _signal(status, sinpo, sio, jammer)
    observed_at = observed_at.astimezone(UTC)
    location = _text(location, "location")
    station, reporter = _text(station, "station"), _text(reporter, "reporter")
    uid = _checked_text(uid, "uid") or generated_uid(observed_at, frequency_khz, station, status, reporter)
    location = _location(location) if location else None
    receiver, notes = _text(receiver, "receiver"), _text(notes, "notes")
    return ReportValues(
        uid, observed_at, frequency_khz, station, status, sinpo, sio, jammer, reporter, location, receiver, notes
    )


def checked_columns(
    uids: Sequence[str],
    observed_ats: Sequence[datetime],
    frequencies: Sequence[float],
    stations: Sequence[str | None],
    statuses: Sequence[str],
    sinpos: Sequence[str | None],
    sios: Sequence[str | None],
    jammers: Sequence[str | None],
    reporters: Sequence[str | None],
    locations: Sequence[str | None],
    receivers: Sequence[str | None],
    notes: Sequence[str | None],
) -> ReportColumns:
    """`report_values` of many reports given a field at a time (sequences of one length): the same rules and
    values, but each rule runs once per distinct value of a column (reports repeat a few codes, places and
    names thousands of times), so a bulk import runs little Python code per row. ParseError when any report is
    bad, without saying which: a caller then checks those reports one at a time with report_values, which
    names the field at fault."""
    if None in map(attrgetter("tzinfo"), observed_ats):
        raise ParseError("a time has no UTC offset", field="observed_at")
    signals = each_distinct(lambda codes: _signal(*codes), zip(statuses, sinpos, sios, jammers, strict=True))
    statuses, sinpos, sios, jammers = zip(*signals, strict=True) if signals else ((), (), (), ())
    observed_ats = list(map(methodcaller("astimezone", UTC), observed_ats))
    stations = each_distinct(lambda text: _text(text, "station"), stations)
    reporters = each_distinct(lambda text: _text(text, "reporter"), reporters)
    given = list(map(str.strip, uids))  # _checked_text of each uid, a column at a time
    if given and (max(map(len, given)) > MAX_NAME_LENGTH or NUL in "".join(given)):
        raise ParseError("a uid is too long or holds a NUL byte", field="uid")
    checked_uids: list[str | None] = [uid or None for uid in given]
    for i in compress(range(len(checked_uids)), map(not_, checked_uids)):
        checked_uids[i] = generated_uid(observed_ats[i], frequencies[i], stations[i], statuses[i], reporters[i])
    places = each_distinct(_place, locations)
    texts = (
        each_distinct(lambda text: _text(text, "receiver"), receivers),
        each_distinct(lambda text: _text(text, "notes"), notes),
    )
    heard = (observed_ats, frequencies, stations, statuses, sinpos, sios, jammers, reporters, places)
    return ReportColumns(checked_uids, *heard, *texts)  # type: ignore[arg-type]  # every uid is set now


def _place(location: str | None) -> str | None:
    text = _text(location, "location")
    return _location(text) if text else None


def generated_uid(
    observed_at: datetime, frequency_khz: float, station: str | None, status: str, reporter: str | None
) -> str:
    """The uid of a report that has none: derived from its content, so importing a file twice adds nothing.
    It is uuid.uuid5(_UID_NAMESPACE, key).hex written out: the UUID object cost more than the hash."""
    key = f"{format_instant(observed_at)}|{frequency_khz!r}|{station or ''}|{status}|{reporter or ''}"
    digest = bytearray(sha1(_UID_NAMESPACE.bytes + key.encode()).digest()[:16])
    digest[6] = digest[6] & 0x0F | 0x50  # version 5
    digest[8] = digest[8] & 0x3F | 0x80  # the RFC 4122 variant
    return digest.hex()


_FREE_TEXT = frozenset({"location", "receiver", "notes"})


def _checked_text(value: str | None, field: str) -> str | None:
    """Free text: surrounding blanks dropped, empty means absent. NUL cannot be stored (PostgreSQL refuses it)."""
    if value is None:
        return None
    text = check_length(value.strip(), field, MAX_TEXT_LENGTH if field in _FREE_TEXT else MAX_NAME_LENGTH)
    if NUL in text:
        raise ParseError(NUL_REASON, field=field)
    return text or None


# Reports repeat a few codes, places and names thousands of times: each distinct value is validated once per
# process (a bad value raises and is not cached, so every bad row is still reported). Not uids: each is new,
# and caching them would only push the repeated values out.
_text = lru_cache(maxsize=8192)(_checked_text)
_location = lru_cache(maxsize=4096)(parse_location)


@lru_cache(maxsize=4096)
def _signal(
    status: str, sinpo: str | None, sio: str | None, jammer: str | None
) -> tuple[str, str | None, str | None, str | None]:
    """(status, SINPO, SIO, jammer) as stored, checked together: they must not contradict each other."""
    status = parse_status(status)
    sinpo_code = parse_sinpo(sinpo) if sinpo and sinpo.strip() else None
    sio_code: SioCode | None = parse_sio(sio) if sio and sio.strip() else None
    if sinpo_code and sio_code:
        raise ParseError("give a SINPO or an SIO code, not both", field="sio")
    jammer_type = parse_jammer(jammer) if jammer and jammer.strip() else None
    check_jamming_agrees(status, sio_code, jammer_type)
    return status, sinpo_code, sio_code.code if sio_code else None, jammer_type
