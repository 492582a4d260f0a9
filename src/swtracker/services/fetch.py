"""Downloading schedules over HTTP and keeping them current.

A fetch resolves an address (EiBi or HFCC for a season, or any http(s) URL), asks only for a changed file
(ETag / Last-Modified of the last fetch), streams the body under a size cap with retries on transient failures,
and proves the bytes are a schedule by parsing them before the database is touched. The raw download stays in the
user cache under its hash, so every import can be repeated from the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from itertools import islice
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

import httpx
from platformdirs import user_cache_path
from sqlalchemy import select
from sqlmodel import col

from swtracker import __version__
from swtracker.domain.seasons import Season
from swtracker.errors import DownloadError, InputError, OutputError, ParseError, UsageError
from swtracker.formats import detect, eibi, hfcc, native
from swtracker.formats.records import RejectedLine, ScheduleRow
from swtracker.formats.text import decode_utf8, decoded_lines
from swtracker.services.database import Database
from swtracker.services.imports import FetchInfo, ProgressCallback, import_schedule
from swtracker.services.outputs import ReadFile, database_files, write_atomically
from swtracker.store.engine import transaction
from swtracker.store.models import Source

IMPORTED, NOT_MODIFIED, UNCHANGED = "imported", "not-modified", "unchanged"
MAX_REJECTED_SHARE = 0.10  # more rejected lines than this means the file is not (only) a schedule
USER_AGENT = f"swtracker/{__version__}"
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
class Limits:
    """How long to wait, how much to accept and how often to try: generous defaults, tiny values in tests."""

    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_bytes: int = 50_000_000
    attempts: int = 3
    retry_delay: float = 0.5  # before the second attempt; doubled before each next one

    def delays(self) -> list[float]:
        return [self.retry_delay * 2**n for n in range(max(self.attempts, 1) - 1)]

    def overridden(self, **values: Any) -> Limits:
        """These limits with every value that is not None replaced (options the user left out keep defaults)."""
        return replace(self, **{name: value for name, value in values.items() if value is not None})


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


@dataclass(frozen=True)
class _Download:
    data: bytes | None  # None: the server says it has not changed since the last fetch
    etag: str | None = None
    last_modified: str | None = None


class _TransientError(Exception):
    """A failure worth another attempt: the network, or the server's own error (5xx)."""


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
    limits: Limits | None = None,
    client: httpx.Client | None = None,
    cache_dir: Path | None = None,
    today: date | None = None,
    on_progress: ProgressCallback | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> FetchResult:
    """Download `what` and import it when it changed; the database changes only after the bytes parse."""
    if fmt is not None and fmt not in detect.FORMATS:
        raise UsageError(f"--format {fmt!r}: use one of {', '.join(detect.FORMATS)}")
    target = resolve_target(what, season=season, today=today or datetime.now(UTC).date())
    limits = limits or Limits()
    previous = None if force else _last_fetch(database, target.url)
    with nullcontext(client) if client is not None else httpx.Client() as http:
        download = _download(http, target.url, _conditions(previous), limits, on_progress, sleep)
    if download.data is None:
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
    return _import_download(database, target, download, fmt, limits, cache_dir or default_cache_dir())


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


def _download(
    client: httpx.Client,
    url: str,
    headers: dict[str, str],
    limits: Limits,
    on_progress: ProgressCallback | None,
    sleep: Callable[[float], None],
) -> _Download:
    """GET with retries and exponential back-off on transient failures; a 4xx or a broken limit ends at once."""
    for delay in limits.delays():
        try:
            return _get(client, url, headers, limits, on_progress)
        except _TransientError:
            sleep(delay)
    try:
        return _get(client, url, headers, limits, on_progress)
    except _TransientError as error:
        tried = f" (tried {limits.attempts} times)" if limits.attempts > 1 else ""
        raise DownloadError(f"cannot download {url}: {error}{tried}") from None


def _get(
    client: httpx.Client, url: str, headers: dict[str, str], limits: Limits, on_progress: ProgressCallback | None
) -> _Download:
    timeout = httpx.Timeout(limits.read_timeout, connect=limits.connect_timeout)
    try:
        with client.stream(
            "GET",
            url,
            headers={"User-Agent": USER_AGENT, **headers},
            timeout=timeout,
            follow_redirects=True,
        ) as response:
            return _receive(response, url, limits.max_bytes, on_progress)
    except httpx.TimeoutException as error:
        seconds = limits.connect_timeout if isinstance(error, httpx.ConnectTimeout) else limits.read_timeout
        raise _TransientError(f"timed out after {seconds:g} s") from None
    except httpx.ConnectError as error:
        refused = "refused" in str(error).lower()
        raise _TransientError("connection refused" if refused else f"cannot connect: {error}") from None
    except httpx.UnsupportedProtocol as error:  # a redirect to another scheme
        raise DownloadError(f"cannot download {url}: {error}") from None
    except httpx.TransportError as error:  # includes a body shorter than its Content-Length
        raise _TransientError(str(error) or type(error).__name__) from None
    except httpx.RequestError as error:  # too many redirects, undecodable compression
        raise DownloadError(f"cannot download {url}: {error}") from None


def _receive(response: httpx.Response, url: str, max_bytes: int, on_progress: ProgressCallback | None) -> _Download:
    status = response.status_code
    if status == httpx.codes.NOT_MODIFIED and _is_conditional(response.request):
        return _Download(None)
    if status >= 500:
        raise _TransientError(f"HTTP {status} {response.reason_phrase}")
    if not 200 <= status < 300:
        raise DownloadError(f"cannot download {url}: HTTP {status} {response.reason_phrase}")
    data = _read_capped(response, url, max_bytes, on_progress)
    return _Download(data, response.headers.get("ETag"), response.headers.get("Last-Modified"))


def _is_conditional(request: httpx.Request) -> bool:
    return "If-None-Match" in request.headers or "If-Modified-Since" in request.headers


def _read_capped(response: httpx.Response, url: str, max_bytes: int, on_progress: ProgressCallback | None) -> bytes:
    """The body, refused as soon as it passes the cap (checked on the declared length and while streaming)."""
    declared_text = response.headers.get("Content-Length", "")
    declared = int(declared_text) if declared_text.isdigit() else 0
    if declared > max_bytes:
        raise _too_large(url, max_bytes)
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > max_bytes:
            raise _too_large(url, max_bytes)
        if on_progress is not None:
            done = response.num_bytes_downloaded
            on_progress(done, max(declared, done))
    return bytes(body)


def _too_large(url: str, max_bytes: int) -> DownloadError:
    return DownloadError(f"cannot download {url}: larger than the limit of {max_bytes:,} bytes (--max-mb)")


def _import_download(
    database: Database, target: Target, download: _Download, fmt: str | None, limits: Limits, cache_dir: Path
) -> FetchResult:
    data = download.data
    assert data is not None
    members = _unpack(data, target.url, limits.max_bytes)
    schedule_name = next(iter(members)) if members else target.file_name
    season = target.season or Season.from_filename(schedule_name)
    label = f"{target.url} ({schedule_name})" if members else target.url
    schedule = members[schedule_name] if members else data
    found = _validate(schedule, forced=fmt, expected=target.format, season=season, label=label)
    sha256 = hashlib.sha256(data).hexdigest()
    raw_path, path = _keep(cache_dir, sha256, target.file_name, data, members, database_files(database.url))
    name = PurePosixPath(schedule_name).stem
    info = FetchInfo(
        target.url, datetime.now(UTC), download.etag, download.last_modified, PurePosixPath(schedule_name).name
    )
    result = import_schedule(database, path, name=name, fmt=found, season=season.code if season else None, fetched=info)
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


def _validate(data: bytes, *, forced: str | None, expected: str | None, season: Season | None, label: str) -> str:
    """The format, once the whole file has parsed well enough to replace what the database holds."""
    head = list(islice(decoded_lines([data]), 60))
    fmt = forced or detect.detect_format(head, name=label)
    if forced is None and expected is not None and fmt != expected:
        raise InputError(f"{label}: expected {expected} schedule data, found {fmt}")
    if fmt == detect.NATIVE:
        try:
            native.parse_native(decode_utf8(data))
        except ParseError as error:
            raise error.located(file=label) from None
        return fmt
    lines = decoded_lines([data])
    if fmt == detect.EIBI:
        if season is None:
            raise InputError(f"{label}: cannot tell the season from the address; pass --season, e.g. --season A26")
        _check_rows(eibi.parse_eibi(lines, season=season), label)
    else:
        _check_rows(hfcc.parse_hfcc(lines, season=season), label)
    return fmt


def _check_rows(parsed: Iterable[ScheduleRow | RejectedLine], label: str) -> None:
    total = 0
    rejected: list[RejectedLine] = []
    for item in parsed:
        total += 1
        if isinstance(item, RejectedLine):
            rejected.append(item)
    if total == 0:
        raise InputError(f"{label}: holds no schedule lines")
    if len(rejected) > MAX_REJECTED_SHARE * total:
        raise InputError(
            f"{label}: {len(rejected)} of {total} lines are not schedule lines (first: {rejected[0].error})"
        )
