"""The HTTP client of `fetch`: one GET with retries, a size cap, a total deadline, and redirects only within the
server the user named.

A redirect is followed when it stays on the same host (an upgrade from http to https included) or goes to a host
the user allowed by name; any other is refused before a connection to it is attempted (or its name looked up).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from typing import Any

import httpx

from swtracker import __version__
from swtracker.errors import DownloadError

USER_AGENT = f"swtracker/{__version__}"
MAX_REDIRECTS = 5
ProgressCallback = Callable[[int, int], None]  # (bytes done, bytes total)


@dataclass(frozen=True)
class Limits:
    """How long to wait, how much to accept and how often to try: generous defaults, tiny values in tests."""

    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_bytes: int = 50_000_000
    attempts: int = 3
    retry_delay: float = 0.5  # before the second attempt; doubled before each next one
    deadline: float = 300.0  # seconds for the whole download, every attempt and wait included
    allowed_hosts: frozenset[str] = frozenset()  # hosts a redirect may lead to besides the one asked

    def delays(self) -> list[float]:
        return [self.retry_delay * 2**n for n in range(max(self.attempts, 1) - 1)]

    def overridden(self, **values: Any) -> Limits:
        """These limits with every value that is not None replaced (options the user left out keep defaults)."""
        return replace(self, **{name: value for name, value in values.items() if value is not None})


@dataclass(frozen=True)
class Download:
    data: bytes | None  # None: the server says it has not changed since the last fetch
    etag: str | None = None
    last_modified: str | None = None


class _TransientError(Exception):
    """A failure worth another attempt: the network, or the server's own error (5xx)."""


class _Clock:
    """The download's deadline: every wait (connect, read, back-off) is cut to the time that is left."""

    def __init__(self, url: str, seconds: float) -> None:
        self.url, self.seconds = url, seconds
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        remaining = self.end - time.monotonic()
        if remaining <= 0:
            raise DownloadError(
                f"cannot download {self.url}: not complete after {self.seconds:g} s "
                "(--deadline, SWTRACKER_FETCH_DEADLINE)"
            )
        return remaining


def download(
    client: httpx.Client,
    url: str,
    headers: dict[str, str],
    limits: Limits,
    on_progress: ProgressCallback | None,
    sleep: Callable[[float], None],
) -> Download:
    """GET with retries and exponential back-off on transient failures; a 4xx or a broken limit ends at once."""
    clock = _Clock(url, limits.deadline)
    for delay in limits.delays():
        try:
            return _get(client, url, headers, limits, clock, on_progress)
        except _TransientError:
            sleep(min(delay, clock.left()))
    try:
        return _get(client, url, headers, limits, clock, on_progress)
    except _TransientError as error:
        tried = f" (tried {limits.attempts} times)" if limits.attempts > 1 else ""
        raise DownloadError(f"cannot download {url}: {error}{tried}") from None


def _get(
    client: httpx.Client,
    url: str,
    headers: dict[str, str],
    limits: Limits,
    clock: _Clock,
    on_progress: ProgressCallback | None,
) -> Download:
    address = httpx.URL(url)
    for _ in range(MAX_REDIRECTS + 1):
        left = clock.left()
        timeout = httpx.Timeout(min(limits.read_timeout, left), connect=min(limits.connect_timeout, left))
        try:
            with client.stream(
                "GET", address, headers={"User-Agent": USER_AGENT, **headers}, timeout=timeout, follow_redirects=False
            ) as response:
                if response.has_redirect_location:
                    address = _redirect_target(url, address, response, limits.allowed_hosts)
                    continue
                return _receive(response, url, limits.max_bytes, clock, on_progress)
        except httpx.TimeoutException as error:
            clock.left()  # past the deadline, that is the error rather than the timeout
            seconds = limits.connect_timeout if isinstance(error, httpx.ConnectTimeout) else limits.read_timeout
            raise _TransientError(f"timed out after {seconds:g} s") from None
        except httpx.ConnectError as error:
            refused = "refused" in str(error).lower()
            raise _TransientError("connection refused" if refused else f"cannot connect: {error}") from None
        except httpx.TransportError as error:  # includes a body shorter than its Content-Length
            raise _TransientError(str(error) or type(error).__name__) from None
        except httpx.RequestError as error:  # undecodable compression
            raise DownloadError(f"cannot download {url}: {error}") from None
    raise DownloadError(f"cannot download {url}: more than {MAX_REDIRECTS} redirects")


def _redirect_target(url: str, current: httpx.URL, response: httpx.Response, allowed: Collection[str]) -> httpx.URL:
    """Where a redirect leads, once it is known to stay with the server asked (or one the user allowed)."""
    location = response.headers.get("Location", "")
    try:
        target = current.join(location)
    except httpx.InvalidURL:
        raise DownloadError(f"cannot download {url}: the server redirects to an invalid address {location!r}") from None
    if target.scheme not in ("http", "https") or not target.host:
        raise DownloadError(f"cannot download {url}: the server redirects to {target}, which is not http(s)")
    same_server = target.host == current.host and (
        (target.scheme, target.port) == (current.scheme, current.port)
        or (current.scheme, target.scheme, target.port) == ("http", "https", None)
    )
    if not same_server and target.host not in allowed:
        raise DownloadError(
            f"cannot download {url}: the server redirects to {target}, another host; not followed (allow it with "
            f"--allow-redirect {target.host}, or SWTRACKER_FETCH_ALLOW_REDIRECT)"
        )
    return target


def _receive(
    response: httpx.Response, url: str, max_bytes: int, clock: _Clock, on_progress: ProgressCallback | None
) -> Download:
    status = response.status_code
    if status == httpx.codes.NOT_MODIFIED and _is_conditional(response.request):
        return Download(None)
    if status >= 500:
        raise _TransientError(f"HTTP {status} {response.reason_phrase}")
    if not 200 <= status < 300:
        raise DownloadError(f"cannot download {url}: HTTP {status} {response.reason_phrase}")
    data = _read_capped(response, url, max_bytes, clock, on_progress)
    return Download(data, response.headers.get("ETag"), response.headers.get("Last-Modified"))


def _is_conditional(request: httpx.Request) -> bool:
    return "If-None-Match" in request.headers or "If-Modified-Since" in request.headers


def _read_capped(
    response: httpx.Response, url: str, max_bytes: int, clock: _Clock, on_progress: ProgressCallback | None
) -> bytes:
    """The body, refused as soon as it passes the cap (checked on the declared length and while streaming) or
    the deadline passes."""
    declared_text = response.headers.get("Content-Length", "")
    declared = int(declared_text) if declared_text.isdigit() else 0
    if declared > max_bytes:
        raise _too_large(url, max_bytes)
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > max_bytes:
            raise _too_large(url, max_bytes)
        clock.left()
        if on_progress is not None:
            done = response.num_bytes_downloaded
            on_progress(done, max(declared, done))
    return bytes(body)


def _too_large(url: str, max_bytes: int) -> DownloadError:
    return DownloadError(f"cannot download {url}: larger than the limit of {max_bytes:,} bytes (--max-mb)")
