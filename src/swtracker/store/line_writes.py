"""Schedule lines written: a source's lines, with the timings, labels and details they share, loaded a chunk at a
time inside the caller's transaction, and deleted again. Functions take a session or a connection and never
commit; store.entries reads what they write."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter
from typing import TYPE_CHECKING

from sqlalchemy import Connection, TableClause, delete, func, select, text, update

from swtracker.formats.records import DETAIL_FIELDS, TIMING_KEY_FIELDS, CompactRow, Label, TimingKey
from swtracker.store.bulk import SharedParts, connection_of, indexes_rebuilt_after, insert_columns
from swtracker.store.core_tables import schedule_detail, schedule_label, schedule_line, schedule_timing, source
from swtracker.store.entries import of_source
from swtracker.store.types import day_number

if TYPE_CHECKING:
    from sqlmodel import Session

# TIMING_KEY_FIELDS in ScheduleTiming's column order (validity dates as day numbers); the texts last.
TIMING_COLUMNS = (*TIMING_KEY_FIELDS[:7], *TIMING_KEY_FIELDS[9:11], *TIMING_KEY_FIELDS[7:9], *TIMING_KEY_FIELDS[11:])
LABEL_COLUMNS = ("station_name", "kind", "country", "language", "target", "site")  # LABEL_FIELDS, as stored
_line_of, _frequency_of, _label_of, _timing_of, _detail_of = map(itemgetter, range(5))
_validity_at = TIMING_COLUMNS.index("valid_from")
_irregular_of = itemgetter(TIMING_KEY_FIELDS.index("irregular"))
_timing_values = itemgetter(*map(TIMING_KEY_FIELDS.index, TIMING_COLUMNS))


def bound_columns(*, with_detail: bool) -> list[str]:
    """The schedule_line columns a bulk insert writes (after source_id), in the order it binds them: detail_id
    only for formats that have detail fields (binding NULLs is slow in sqlite3)."""
    return ["line", "frequency_khz", "timing_id", "station_id", "label_id", *(["detail_id"] if with_detail else [])]


# Secondary indexes that large loads rebuild at the end (store.bulk).
BULK_INDEXES = ("ix_schedule_line_frequency", "ix_schedule_line_station")

# The station id of each of a list of labels (that of its name and home country), stations created as needed.
StationsOf = Callable[[list[Label]], Sequence[int | None]]


def insert_rows(
    bind: Session | Connection,
    source_id: int,
    chunks: Iterable[Sequence[CompactRow]],
    stations_of: StationsOf,
    *,
    with_detail: bool = True,
    expected_rows: int = 0,
) -> tuple[int, int]:
    """Insert rows, a chunk at a time, inside the caller's transaction: each distinct timing and label once per
    source (a label's station found by `stations_of` when the label is first written), the HFCC/native details
    (`with_detail`: the format may have some) and the line itself, through PostgreSQL's COPY or sqlite3's
    multi-row INSERTs (store.bulk.insert_columns); the source's range of line ids widened to take them. About
    `expected_rows` rows, more than the table holds, rebuild the secondary indexes once at the end instead
    (store.bulk). Returns (rows, irregular rows), counted as they go (the database would have to read them all
    back)."""
    connection = connection_of(bind)
    before = connection.scalar(select(func.max(schedule_line.c.id))) or 0
    with indexes_rebuilt_after(connection, schedule_line, BULK_INDEXES, expected_rows=expected_rows):
        counts = _LineWriter(connection, source_id, stations_of, with_detail=with_detail).write(chunks)
    _widen_line_range(connection, source_id, before)
    return counts


def _widen_line_range(connection: Connection, source_id: int, before: int) -> None:
    """Take the source's lines with ids after `before` into its range (source.first_line_id): on SQLite they
    are every id after it (the import holds the write lock, and SQLite gives the next line the largest id plus
    one); on PostgreSQL other imports may take ids from the sequence meanwhile, so they are searched for."""
    line = schedule_line.c
    if connection.dialect.name == "sqlite":
        last = connection.scalar(select(func.max(line.id))) or 0
        first = before + 1
    else:
        found = select(func.min(line.id), func.max(line.id)).where(line.id > before, line.source_id == source_id)
        first, last = connection.execute(found).one()
    if last is None or last < first:
        return
    range_of = select(source.c.first_line_id, source.c.last_line_id).where(source.c.id == source_id)
    low, high = connection.execute(range_of).one()
    first, last = min(first, low if low is not None else first), max(last, high if high is not None else last)
    connection.execute(update(source).where(source.c.id == source_id).values(first_line_id=first, last_line_id=last))


class _LineWriter:
    """Writes one source's lines a chunk at a time; remembers the ids of the timings and labels written so far
    and the station of each label."""

    def __init__(self, connection: Connection, source_id: int, stations_of: StationsOf, *, with_detail: bool) -> None:
        self.connection = connection
        self.source_id = source_id
        self.stations_of = stations_of
        self.with_detail = with_detail
        self.timings: SharedParts[TimingKey] = SharedParts(self._add_timings)
        self.labels: SharedParts[Label] = SharedParts(self._add_labels)
        self.station_of_label: dict[int, int | None] = {}
        self.postgresql = self.connection.dialect.name == "postgresql"

    def write(self, chunks: Iterable[Sequence[CompactRow]]) -> tuple[int, int]:
        """Per-row work is C-level (map, zip, sum): a file may have a million rows."""
        total = irregular = 0
        for rows in chunks:
            timings = list(map(_timing_of, rows))
            irregular += sum(map(_irregular_of, timings))
            timing_ids = self.timings.ids(timings)
            label_ids = self.labels.ids(list(map(_label_of, rows)))
            station_ids = map(self.station_of_label.__getitem__, label_ids)
            values: list[Iterable[object]] = [
                map(_line_of, rows),
                map(_frequency_of, rows),
                timing_ids,
                station_ids,
                label_ids,
            ]
            if self.with_detail:
                values.append(self._add_details(rows))
            columns = bound_columns(with_detail=self.with_detail)
            insert_columns(self.connection, "schedule_line", columns, values, {"source_id": self.source_id})
            total += len(rows)
        return total, irregular

    def _add_timings(self, timings: list[TimingKey]) -> list[int]:
        if not timings:
            return []
        values = list(zip(*map(_timing_values, timings), strict=True))
        for at in (_validity_at, _validity_at + 1):
            values[at] = tuple(map(day_number, values[at]))
        return self._insert_with_ids(schedule_timing, TIMING_COLUMNS, values, len(timings))

    def _add_labels(self, labels: list[Label]) -> list[int]:
        if not labels:
            return []
        ids = self._insert_with_ids(schedule_label, LABEL_COLUMNS, list(zip(*labels, strict=True)), len(labels))
        self.station_of_label.update(zip(ids, self.stations_of(labels), strict=True))
        return ids

    def _add_details(self, rows: Sequence[CompactRow]) -> list[int | None]:
        """The detail id of each row (None when it has none), its details inserted."""
        found = [(i, detail) for i, detail in enumerate(map(_detail_of, rows)) if detail is not None]
        columns = list(zip(*(detail for _, detail in found), strict=True))
        ids: list[int | None] = [None] * len(rows)
        added = self._insert_with_ids(schedule_detail, DETAIL_FIELDS, columns, len(found))
        for (i, _), detail_id in zip(found, added, strict=True):
            ids[i] = detail_id
        return ids

    def _insert_with_ids(
        self, table: TableClause, columns: Sequence[str], values: Sequence[Sequence[object]], count: int
    ) -> list[int]:
        """Insert `count` rows (given column by column) with ids of their own, in order: from the sequence on
        PostgreSQL, after the largest on SQLite (the import holds the write lock). Through the driver, as the
        lines are: SQLAlchemy's parameter handling would cost more than the insert."""
        if not count:
            return []
        if self.postgresql:
            ids = list(
                self.connection.execute(
                    text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)"),
                    {"table": table.name, "count": count},
                ).scalars()
            )
        else:
            first = (self.connection.execute(select(func.max(table.c.id))).scalar() or 0) + 1
            ids = list(range(first, first + count))
        insert_columns(self.connection, table.name, ["id", *columns], [ids, *values], {"source_id": self.source_id})
        return ids


def source_validity(bind: Session | Connection, source_id: int) -> tuple[int | None, int | None]:
    """(earliest valid_from, latest valid_to) of a source, from its timings (each belongs to a line)."""
    T = schedule_timing.c
    first, last = bind.execute(
        select(func.min(T.valid_from), func.max(T.valid_to)).where(T.source_id == source_id)
    ).one()
    return first, last


def delete_source_entries(bind: Session | Connection, source_id: int) -> None:
    """A source's lines (found in its range of line ids) with their timings, labels and details."""
    line = schedule_line.c
    bind.execute(delete(schedule_line).where(of_source(line.id, line.source_id, source_id)))
    for table in (schedule_timing, schedule_label, schedule_detail):
        bind.execute(delete(table).where(table.c.source_id == source_id))
    bind.execute(update(source).where(source.c.id == source_id).values(first_line_id=None, last_line_id=None))
