"""Counts in titles and messages."""

from swtracker.cli.wording import plural


def test_plural() -> None:
    assert plural(1, "entry") == "1 entry"
    assert plural(2, "entry") == "2 entries"
    assert plural(0, "station") == "0 stations"
    assert plural(1990, "report") == "1,990 reports"
    assert plural(3, "day") == "3 days"
