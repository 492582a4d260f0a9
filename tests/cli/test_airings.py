"""One airing, one row, on the real files (bundled schedules + EiBi sked-a26.csv + HFCC A26all00.TXT): HFCC rows
linked to stations, sources merged, jammers marked in `next`, last-heard evidence (issue 13)."""

import json
from typing import Any

from tests.conftest import TESTS, Cli

DATA = TESTS / "data"


def listing(cli: type[Cli], db: str, *args: str) -> list[dict[str, Any]]:
    return list(json.loads(cli.ok(db, *args, "--json").stdout))


def sources_of(item: dict[str, Any]) -> list[tuple[str, int]]:
    return [(s["source"], s["line"]) for s in item["sources"]]


def test_kbs_on_6015_is_one_row_with_three_sources_and_one_jammer_row(cli: type[Cli], all_sources_db: str) -> None:
    items = listing(cli, all_sources_db, "now", "--at", "2026-07-01T13:10Z", "--freq", "6015")
    kbs = [i for i in items if i["station_key"] == "kbs-hanminjok"]
    jammers = [i for i in items if i["kind"] == "jammer"]
    assert len(kbs) == 1
    assert len(jammers) == 1
    # Curated first, then EiBi 2068 (`6015;0350-1400;;KOR;KBS Hanminjok;K;FE;h;1;;[0526]`), then HFCC 233 (KBS).
    assert [s for s, _ in sources_of(kbs[0])] == ["kbs-hanminjok", "sked-a26", "A26all00"]
    assert sources_of(kbs[0])[1:] == [("sked-a26", 2068), ("A26all00", 233)]
    assert (kbs[0]["source"], kbs[0]["line"]) == sources_of(kbs[0])[0]
    assert kbs[0]["sources"][1]["last_heard"] == "2026-05"
    assert kbs[0]["power_kw"] == 100  # from HFCC
    assert kbs[0]["language"] == "K"
    assert kbs[0]["jammer_on_channel"] is True
    assert sources_of(jammers[0]) == [("north-korean-jammers", 196), ("sked-a26", 2070)]
    # The Kazakh service on the same channel: EiBi's PBS Xinjiang and HFCC's CNR row are one airing too.
    (pbs,) = [i for i in items if i["station"] == "PBS Xinjiang"]
    assert sources_of(pbs) == [("sked-a26", 2065), ("A26all00", 234)]
    assert len(items) == 3


def test_source_filter_shows_the_airings_a_source_lists(cli: type[Cli], all_sources_db: str) -> None:
    items = listing(cli, all_sources_db, "now", "--at", "2026-07-01T13:10Z", "--freq", "6015", "--source", "A26all00")
    assert {i["station_key"] for i in items} == {"kbs-hanminjok", "pbs-xinjiang-chn"}
    assert all(any(s["source"] == "A26all00" for s in i["sources"]) for i in items)


def test_several_sites_of_one_station_in_one_file_stay_apart() -> None:
    from swtracker.services.airings import merge

    class View:
        def __init__(self, source: str, line: int) -> None:
            self.source, self.source_format = source, "eibi"
            self.entry = type("E", (), {"station_id": 1, "kind": "broadcast", "frequency_khz": 7515.0, "line": line})

    one, two, other = View("sked", 1), View("sked", 2), View("bundled", 3)
    groups = merge([one, two, other], lambda v: v, lambda a, b: True)  # type: ignore[arg-type,return-value]
    assert sorted(len(g) for g in groups) == [1, 2]


def test_hfcc_rows_link_to_the_station_the_eibi_row_names(cli: type[Cli], all_sources_db: str) -> None:
    schedule = json.loads(cli.ok(all_sources_db, "schedule", "KBS Hanminjok", "--json").stdout)["entries"]
    hfcc = {(e["frequency_khz"], s["line"]) for e in schedule for s in e["sources"] if s["source"] == "A26all00"}
    assert (6015.0, 233) in hfcc  # merged into the A26 airings of the bundled file
    # Other KBS registrations (KBS World Radio in Japanese, Chinese, Russian) keep their broadcaster.
    assert (6095.0, 331) not in hfcc


def test_next_marks_the_jammer_on_kbs_0350_start(cli: type[Cli], all_sources_db: str) -> None:
    items = listing(cli, all_sources_db, "next", "--at", "2026-07-01T03:00Z", "--hours", "1", "--freq", "6015")
    (kbs,) = [i for i in items if i["station_key"] == "kbs-hanminjok"]
    assert (kbs["start_utc"], kbs["jammer_on_channel"]) == ("0350", True)
    later = listing(cli, all_sources_db, "next", "--at", "2026-07-01T11:30Z", "--hours", "1", "--freq", "6015")
    assert [(i["station"], i["start_utc"], i["jammer_on_channel"]) for i in later] == [("PBS Xinjiang", "1155", True)]
    # A broadcast starting where no jammer is on air is not marked (VOA 12130, Friday 2030).
    clear = listing(cli, all_sources_db, "next", "--at", "2026-07-03T20:00Z", "--hours", "1", "--freq", "12130")
    assert [(i["station"], i["jammer_on_channel"]) for i in clear] == [("Voice of America", False)]


def test_last_heard_is_kept_shown_and_filtered(cli: type[Cli], all_sources_db: str) -> None:
    # sked-a26.csv 2065: 6015;1155-1800;;CHN;PBS Xinjiang;KZ;CHN;uc;1;;[0425]: not heard for over a year in 07/2026.
    items = listing(cli, all_sources_db, "now", "--at", "2026-07-01T13:10Z", "--freq", "6015")
    (pbs,) = [i for i in items if i["station"] == "PBS Xinjiang"]
    assert (pbs["last_heard"], pbs["not_heard_for_a_year"]) == ("2025-04", True)
    table = cli.ok(all_sources_db, "now", "--at", "2026-07-01T13:10Z", "--freq", "6015").stdout
    assert "not heard since 04/2025" in table
    hidden = listing(cli, all_sources_db, "now", "--at", "2026-07-01T13:10Z", "--freq", "6015", "--hide-not-heard")
    assert [i["station_key"] for i in hidden] == ["kbs-hanminjok", "north-korean-jammers"]
    # Half a year earlier it was heard within the year.
    earlier = listing(cli, all_sources_db, "now", "--at", "2026-04-01T13:10Z", "--freq", "6015", "--hide-not-heard")
    assert "PBS Xinjiang" in {i["station"] for i in earlier}


def test_links_follow_the_files_loaded(cli: type[Cli], all_sources_db: str) -> None:
    """Replacing the EiBi source with an excerpt without PBS Xinjiang gives HFCC's CNR row back its broadcaster."""
    cli.ok(all_sources_db, "import", str(DATA / "sked-a26-excerpt.csv"), "--name", "sked-a26")
    items = listing(cli, all_sources_db, "now", "--at", "2026-07-01T13:10Z", "--freq", "6015")
    by_station = {i["station"]: sources_of(i) for i in items}
    assert by_station["China National Radio"] == [("A26all00", 234)]
    assert by_station["KBS Hanminjok Bangsong"] == [("kbs-hanminjok", 262), ("sked-a26", 28), ("A26all00", 233)]


def test_excerpts_give_one_kbs_row(cli: type[Cli], bundled_db: str) -> None:
    """The same on the excerpts in tests/data, so a plain checkout checks it too."""
    cli.ok(bundled_db, "import", str(DATA / "sked-a26-excerpt.csv"), "--name", "sked-a26")
    cli.ok(bundled_db, "import", str(DATA / "A26all00-excerpt.TXT"), "--name", "A26all00")
    items = listing(cli, bundled_db, "now", "--at", "2026-07-01T13:10Z", "--freq", "6015")
    assert [(i["kind"], len(i["sources"])) for i in items] == [("broadcast", 3), ("jammer", 2)]
