"""Make the excerpts of the real schedule files that a plain clone tests with (tests/conftest.py uses them when
../shared/data is absent). Every line number stays as in the real file: lines left out are written blank, which
both parsers skip, so `file:line` assertions and schedule references hold for either copy.

Kept: the header, every line a parser rejects, the rows within 2.5 kHz of the frequencies the tests ask about
or in the bands they list, every EiBi row aimed at Korea (target KRE), of a jammer or irregular (`irr`, `alt`, ...),
and the first row of each EiBi Days text. Run from the repository root with ../shared present:
`python tests/data/shared/excerpt.py`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from swtracker.domain.seasons import Season
from swtracker.errors import ParseError
from swtracker.formats.eibi import EibiParser
from swtracker.formats.records import JAMMER

HERE = Path(__file__).parent
SHARED = HERE.parents[3] / "shared" / "data"
FREQUENCIES = (
    531,
    873,
    972,
    1170,
    1602,
    3250,
    3900,
    3985,
    4790,
    5900,
    5905,
    5910,
    5915,
    5920,
    6015,
    6050,
    7220,
    7290,
    7295,
    7340,
    7370,
    7470,
    7515,
    7590,
    7615,
    9310,
    9445,
    9700,
    9750,
    9930,
    9960,
    11560,
    12130,
    13760,
    17480,
    17865,
)
BANDS = ((5880, 6040), (7200, 7620))  # the channel-ranking example; `now --band 41m` and its neighbours
SPARE_KHZ = 2.5


def wanted(khz: float) -> bool:
    return any(abs(khz - f) <= SPARE_KHZ for f in FREQUENCIES) or any(low <= khz <= high for low, high in BANDS)


_days_seen: set[str] = set()
_eibi = EibiParser(Season.parse("A26"))


def _irregular_or_jammer(text: str) -> bool:
    try:
        row = _eibi.parse_line(text.rstrip("\r"), 0)
    except ParseError:
        return True  # rejected: kept too
    return bool(row.irregular) or row.kind == JAMMER


def eibi_khz(text: str) -> float | None:
    """The frequency of an EiBi row, or None to keep it: a row for Korea, a jammer's, an irregular one, or the
    first with its Days text."""
    fields = text.rstrip("\r").split(";")
    if (len(fields) > 6 and fields[6] == "KRE") or _irregular_or_jammer(text):
        return None
    if len(fields) > 2 and fields[2] not in _days_seen:
        _days_seen.add(fields[2])
        return None
    try:
        return float(fields[0])
    except ValueError:
        return None


def hfcc_khz(text: str) -> float | None:
    try:
        return float(text[:5])
    except ValueError:
        return None


def excerpt(source: Path, target: Path, khz_of: object, encoding: str) -> None:
    lines = source.read_bytes().decode(encoding).split("\n")
    kept = []
    for number, text in enumerate(lines, start=1):
        khz = khz_of(text)  # type: ignore[operator]
        keep = number == 1 or text.startswith(";") or not text.strip() or khz is None or wanted(khz)
        kept.append(text if keep else ("\r" if text.endswith("\r") else ""))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes("\n".join(kept).encode(encoding))


def main() -> None:
    global _eibi
    for name in ("sked-a25.csv", "sked-a26.csv"):
        _days_seen.clear()
        _eibi = EibiParser(Season.parse(name[5:8].upper()))
        excerpt(SHARED / "eibi" / name, HERE / "eibi" / name, eibi_khz, "latin-1")
    excerpt(SHARED / "hfcc" / "A26all00.TXT", HERE / "hfcc" / "A26all00.TXT", hfcc_khz, "latin-1")
    for name in ("site.txt", "broadcas.txt"):
        shutil.copyfile(SHARED / "hfcc" / name, HERE / "hfcc" / name)


if __name__ == "__main__":
    main()
