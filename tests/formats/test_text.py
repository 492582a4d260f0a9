"""Byte streams to lines: chunk-wise decoding gives exactly what line-by-line decoding gives."""

from hypothesis import given
from hypothesis import strategies as st

from swtracker.formats.text import decode_legacy_line, decoded_lines

LINES = st.lists(
    st.one_of(
        st.text(max_size=30).map(lambda t: t.replace("\n", " ").encode("utf-8")),
        st.text(alphabet=st.characters(codec="latin-1"), max_size=30).map(
            lambda t: t.replace("\n", " ").encode("latin-1")
        ),
    ),
    max_size=20,
)


def chunked(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({min(c, len(data)) for c in cuts})
    return [data[a:b] for a, b in zip([0, *points], [*points, len(data)], strict=True)]


@given(LINES, st.sampled_from([b"\n", b"\r\n"]), st.booleans(), st.lists(st.integers(0, 400), max_size=6))
def test_chunked_decoding_matches_line_by_line(
    lines: list[bytes], ending: bytes, final_newline: bool, cuts: list[int]
) -> None:
    data = ending.join(lines) + (ending if final_newline and lines else b"")
    # The oracle: split the whole input at once, then decode line by line.
    raw_lines = data.split(b"\n")
    if raw_lines[-1] == b"":
        raw_lines.pop()
    expected = [decode_legacy_line(line.removesuffix(b"\r")) for line in raw_lines]
    assert list(decoded_lines(chunked(data, cuts))) == expected


def test_latin1_and_utf8_lines_side_by_side() -> None:
    data = "Rádio Clube do Pará\r\n".encode("latin-1") + "자유북한방송\r\n".encode() + b"plain\r\n"
    assert list(decoded_lines([data[:5], data[5:]])) == ["Rádio Clube do Pará", "자유북한방송", "plain"]
