"""DX-cluster spot lines, as telnet DX clusters send them and SDR programs read them.

gqrx (src/qtgui/dxc_options.cpp) looks for `DX de` in what it receives, splits it on spaces and takes token 3 as
the frequency in kHz and token 4 as the label: the label must be one ASCII token. The rest follows the classic
cluster layout (`DX de CALL:  freq  label  comment  HHMMZ`), so column-reading clients find their fields too.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime

SPOTTER = "SWTRACKER"
LABEL_LENGTH = 24
COMMENT_LENGTH = 30
LOGIN_PROMPT = "Please enter your callsign: "  # the exact words gqrx answers with its callsign


def ascii_token(text: str) -> str:
    """`Voice of America` -> `Voice-of-America`: accents dropped, other non-ASCII and control characters left out,
    spaces joined by `-`."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = "".join(c if c.isprintable() else " " for c in plain).split()
    return "-".join(words)[:LABEL_LENGTH].strip("-")


def spot_line(frequency_khz: float, label: str, comment: str, at: datetime) -> str:
    """One spot, ending in CRLF. `label` must already be an ASCII token (ascii_token)."""
    comment = " ".join(ascii_token(word) for word in comment.split())[:COMMENT_LENGTH]
    return f"DX de {SPOTTER}: {frequency_khz:>8.1f}  {label:<13} {comment:<{COMMENT_LENGTH}} {at:%H%M}Z\r\n"
