"""What a listener heard, as codes: status, jammer type, SINPO and SIO (design §5).

SINPO (ITU-R SM.1135) is five digits and SIO three, each 1 (worst) to 5 (best). Loggers write `x` for a digit
they did not rate (`342x3`), kept as written, and the British DX Club appends `j` to an SIO when jamming is
present (`343j`). Codes are stored as given, lower-cased.

Errors are ParseErrors whose field is the option and column name (`sinpo`, `sio`, `status`, `jammer`), so the
command line says `--sinpo 63333: ...` and a report file says `file.csv:4: sinpo: 63333: ...`.
"""

from __future__ import annotations

from typing import NamedTuple

from swtracker.errors import ChoiceError, ParseError

STATUSES = ("clear", "jammed", "blocked", "silent")
JAMMER_TYPES = ("noise", "jet", "pulse", "warble", "music", "tone", "radar", "other")
UNRATED = "x"
JAMMING_MARK = "j"

SINPO_DIGITS = (
    ("S", "signal"),
    ("I", "interference"),
    ("N", "noise"),
    ("P", "propagation"),
    ("O", "overall"),
)
SIO_DIGITS = (("S", "signal"), ("I", "interference"), ("O", "overall"))


class SioCode(NamedTuple):
    code: str  # as stored: `343`, `3x3`, `343j`
    jamming: bool  # the code carries the trailing `j`


def _check_digits(text: str, code: str, digits: tuple[tuple[str, str], ...], field: str) -> None:
    text = text.strip()
    if len(code) != len(digits):
        letters = "".join(letter for letter, _ in digits)
        raise ParseError(f"{text}: {field.upper()} has {len(digits)} digits ({letters}), not {len(code)}", field=field)
    for char, (letter, meaning) in zip(code, digits, strict=True):
        if char == UNRATED or char in "12345":
            continue
        allowed = "1-5" if char.isdigit() else "1-5 or x (not rated)"
        raise ParseError(f"{text}: {letter} ({meaning}) must be {allowed}, not {char}", field=field)


def parse_sinpo(text: str) -> str:
    """`34333`, `342x3` -> the code as stored. The error names the bad digit: `63333: S (signal) must be 1-5`."""
    code = text.strip().lower()
    if code.endswith(JAMMING_MARK) and len(code) == len(SINPO_DIGITS) + 1:
        raise ParseError(f"{text.strip()}: a trailing j (jamming) belongs to SIO codes, not SINPO", field="sinpo")
    _check_digits(text, code, SINPO_DIGITS, "sinpo")
    return code


def parse_sio(text: str) -> SioCode:
    """`343`, `3x3`, `343j` (jamming present) -> the code as stored and whether it marks jamming."""
    code = text.strip().lower()
    jamming = code.endswith(JAMMING_MARK)
    _check_digits(text, code[:-1] if jamming else code, SIO_DIGITS, "sio")
    return SioCode(code, jamming)


def parse_status(text: str) -> str:
    status = text.strip().lower()
    if status not in STATUSES:
        raise ChoiceError(f"{text!r} is not a status; use {', '.join(STATUSES[:-1])} or {STATUSES[-1]}", field="status")
    return status


def parse_jammer(text: str) -> str:
    jammer = text.strip().lower()
    if jammer not in JAMMER_TYPES:
        choices = f"{', '.join(JAMMER_TYPES[:-1])} or {JAMMER_TYPES[-1]}"
        raise ChoiceError(f"{text!r} is not a jammer type; use {choices}", field="jammer")
    return jammer


def check_jamming_agrees(status: str, sio: SioCode | None, jammer: str | None) -> None:
    """`clear` means heard without jamming, so an SIO marked `j` or a jammer type cannot go with it."""
    if status != "clear":
        return
    if sio is not None and sio.jamming:
        raise ParseError(f"{sio.code}: j marks jamming, which contradicts the status clear", field="sio")
    if jammer is not None:
        raise ParseError(f"{jammer}: a jammer contradicts the status clear (use jammed or blocked)", field="jammer")
