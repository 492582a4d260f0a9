"""Downloading schedules over HTTP and keeping them current.

A fetch resolves an address (EiBi or HFCC for a season, or any http(s) URL), downloads it (services/download:
only a changed file, redirects within the server, size cap, deadline, retries), unpacks a zip, keeps the raw
download in the user cache under its hash (so every import can be repeated from the same bytes) and imports it
under the fetch's acceptance rules: the import's one transaction rolls back a file that is not good enough.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import time
import zipfile
import zlib
from collections.abc import Callable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

import httpx
from platformdirs import user_cache_path
from sqlalchemy import select
from sqlmodel import col

from swtracker.domain.seasons import Season
from swtracker.errors import InputError, OutputError, UsageError
from swtracker.formats import detect
from swtracker.services.database import Database
from swtracker.services.download import Download, Limits, download
from swtracker.services.imports import FETCHED, HAND_IMPORTED, FetchInfo, import_schedule
from swtracker.services.outputs import ReadFile, database_files, write_atomically
from swtracker.services.schedule_files import ProgressCallback, check_schedule_file
from swtracker.store.engine import transaction
from swtracker.store.models import Source

IMPORTED, NOT_MODIFIED, UNCHANGED = "imported", "not-modified", "unchanged"
_ZIP_MAGIC = b"PK\x03\x04"
_HFCC_SCHEDULE = re.compile(r"[ab]\d{2}all00\.txt", re.IGNORECASE)
_HFCC_TABLES = ("site.txt", "broadcas.txt")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]")


@dataclass(frozen=True)
class Publisher:
    """Where a named source publishes each season's file: a base address (overridable by an environment
    variable, as a base or as a template with {season}, e.g. a26) and the file below it."""

    env: str
    base: str
    path: str
    format: str

    def url(self, season: Season, environ: Mapping[str, str]) -> str:
        configured = environ.get(self.env) or self.base
        template = configured if "{season}" in configured else f"{configured.rstrip('/')}/{self.path}"
        return template.replace("{season}", season.code.lower())


PUBLISHERS = {
    "eibi": Publisher("SWTRACKER_EIBI_URL", "https://www.eibispace.de/dx/", "sked-{season}.csv", detect.EIBI),
    "hfcc": Publisher("SWTRACKER_HFCC_URL", "https://new.hfcc.org/data/", "{season}/{season}allx2.zip", detect.HFCC),
}


@dataclass(frozen=True)
class Target:
    """What to download: the address, its file name, and what a named source promises about it."""

    url: str
    file_name: str
    season: Season | None
    format: str | None


@dataclass(frozen=True)
class FetchResult:
    source: str  # the source's name in the database
    url: str
    status: str  # IMPORTED, NOT_MODIFIED or UNCHANGED
    format: str
    season: str | None
    rows: int
    rejected: int
    sha256: str | None  # of the downloaded file; None when nothing was downloaded
    cache_path: Path | None

    def as_json(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["cache_path"] = str(self.cache_path) if self.cache_path else None
        return data


def default_cache_dir() -> Path:
    return user_cache_path("swtracker", appauthor=False) / "downloads"


def resolve_target(what: str, *, season: str | None, today: date, environ: Mapping[str, str] | None = None) -> Target:
    """`eibi` / `hfcc` for a season (default: today's), or an http(s) URL; anything else is a usage error."""
    chosen = Season.parse(season) if season else None
    publisher = PUBLISHERS.get(what.lower())
    if publisher is not None:
        chosen = chosen or Season.containing(today)
        url = _checked_url(publisher.url(chosen, os.environ if environ is None else environ))
        return Target(url, _file_name(url), chosen, publisher.format)
    if "://" not in what:
        raise UsageError(f"{what!r}: give eibi, hfcc or an http(s) URL (`swtracker import` reads local files)")
    url = _checked_url(what)
    name = _file_name(url)
    return Target(url, name, chosen or Season.from_filename(name), None)


def _checked_url(url: str) -> str:
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as error:
        raise UsageError(f"{url}: not a valid address ({error})") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise UsageError(f"{url}: only http:// and https:// addresses can be fetched")
    return url


def _file_name(url: str) -> str:
    """The last part of the address, made safe to use in a cache file name."""
    name = PurePosixPath(unquote(httpx.URL(url).path)).name
    return _UNSAFE_NAME.sub("_", name) or "download"


def fetch_schedule(
    database: Database,
    what: str,
    *,
    season: str | None = None,
    fmt: str | None = None,
    force: bool = False,
    force_replace: bool = False,
    limits: Limits | None = None,
    client: httpx.Client | None = None,
    cache_dir: Path | None = None,
    today: date | None = None,
    on_progress: ProgressCallback | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> FetchResult:
    """Download `what`, keep it in the cache and import it when it changed: download, unpack, cache, import. The
    import refuses (and the database keeps what it had) a file with more than a tenth of bad lines, one that
    changes the source's season or format or loses more than half its rows, unless `force_replace`."""
    if fmt is not None and fmt not in detect.FORMATS:
        raise UsageError(f"--format {fmt!r}: use one of {', '.join(detect.FORMATS)}")
    target = resolve_target(what, season=season, today=today or datetime.now(UTC).date())
    limits = limits or Limits()
    previous = None if force else _last_fetch(database, target.url)
    with nullcontext(client) if client is not None else httpx.Client() as http:
        downloaded = download(http, target.url, _conditions(previous), limits, on_progress, sleep)
    if downloaded.data is None:
        assert previous is not None  # a 304 is only accepted in answer to a conditional request
        return FetchResult(
            previous.name,
            target.url,
            NOT_MODIFIED,
            previous.format,
            previous.season,
            previous.rows_imported,
            previous.rows_rejected,
            None,
            None,
        )
    cache = cache_dir or default_cache_dir()
    return _import_download(database, target, downloaded, fmt, limits, cache, force_replace)


def _last_fetch(database: Database, url: str) -> Source | None:
    with transaction(database.engine, write=False) as session:
        query = select(Source).where(col(Source.url) == url).order_by(col(Source.fetched_at).desc())
        return session.scalars(query).first()


def _conditions(previous: Source | None) -> dict[str, str]:
    headers = {}
    if previous is not None and previous.etag:
        headers["If-None-Match"] = previous.etag
    if previous is not None and previous.last_modified:
        headers["If-Modified-Since"] = previous.last_modified
    return headers


def _import_download(
    database: Database,
    target: Target,
    downloaded: Download,
    fmt: str | None,
    limits: Limits,
    cache_dir: Path,
    force_replace: bool,
) -> FetchResult:
    data = downloaded.data
    assert data is not None
    members = _unpack(data, target.url, limits.max_bytes)
    schedule_name = next(iter(members)) if members else target.file_name
    season = target.season or Season.from_filename(schedule_name)
    sha256 = hashlib.sha256(data).hexdigest()
    raw_path, path = _keep(cache_dir, sha256, target.file_name, data, members, database_files(database.url))
    info = FetchInfo(
        target.url, datetime.now(UTC), downloaded.etag, downloaded.last_modified, PurePosixPath(schedule_name).name
    )
    found, _ = check_schedule_file(path, fmt=fmt, season=season.code if season else None, label=target.url)
    if fmt is None and target.format is not None and found != target.format:
        raise InputError(f"{target.url}: expected {target.format} schedule data, found {found}")
    name = PurePosixPath(schedule_name).stem
    result = import_schedule(
        database,
        path,
        name=name,
        fmt=found,
        season=season.code if season else None,
        fetched=info,
        acceptance=HAND_IMPORTED if force_replace else FETCHED,
    )
    status = UNCHANGED if result.unchanged else IMPORTED
    return FetchResult(
        name,
        target.url,
        status,
        result.format,
        result.season,
        result.imported,
        result.rejected_count,
        sha256,
        raw_path,
    )


def _keep(
    cache_dir: Path, sha256: str, file_name: str, data: bytes, members: dict[str, bytes], reads: list[ReadFile]
) -> tuple[Path, Path]:
    """Store the download as it came, a zip's members in a folder beside it; (raw file, schedule to import)."""
    prefix = sha256[:16]
    raw_path = cache_dir / f"{prefix}-{file_name}"
    _save(raw_path, data, reads)
    if not members:
        return raw_path, raw_path
    folder = cache_dir / f"{prefix}-{PurePosixPath(file_name).stem}"
    for name, content in members.items():
        _save(folder / name, content, reads)
    return raw_path, folder / next(iter(members))


def _save(path: Path, data: bytes, reads: list[ReadFile]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot create the download cache {path.parent}: {error.strerror}") from None
    write_atomically(path, lambda stream: stream.write(data), reads)


def _unpack(data: bytes, label: str, max_bytes: int) -> dict[str, bytes]:
    """A zip like HFCC's: its schedule (first) and reference tables, each under the size cap; {} for a plain file."""
    if not data.startswith(_ZIP_MAGIC):
        return {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {PurePosixPath(i.filename).name: i for i in archive.infolist() if not i.is_dir()}
            schedule = next((name for name in members if _HFCC_SCHEDULE.fullmatch(name)), None)
            if schedule is None:
                raise InputError(f"{label}: the zip holds no XNNall00.TXT schedule")
            wanted = [schedule, *(name for name in members if name.lower() in _HFCC_TABLES)]
            return {name: _read_member(archive, members[name], label, max_bytes) for name in wanted}
    except (zipfile.BadZipFile, EOFError, zlib.error) as error:
        raise InputError(f"{label}: not a complete zip archive ({error})") from None


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, label: str, max_bytes: int) -> bytes:
    with archive.open(member) as stream:
        content = stream.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise InputError(f"{label}: {member.filename} unpacks to more than {max_bytes:,} bytes")
    return content
