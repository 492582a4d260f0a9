"""How HFCC rows and EiBi rows name the same transmitter site and language (for linking HFCC rows, design §4).

Sites: shared/research/target-areas/hfcc-eibi-site-crosswalk.csv (sha256 37d4ee6c…ed60: each HFCC site.txt
entry of ADM KOR, KRE, CHN, MNG and its two nearest EiBi sites, from the A26 README site table). Taken here:
EiBi sites within 30 km; by name where the two tables disagree on the position (URU Urumqi: both EiBi Urumqi
sites, 48 and 79 km; KUJ Kujang: KRE-u, one table is 1° of longitude off; HUH Huhhot, SZG Shijiazhuang, LHA
Lhasa: 31-54 km); JAA JangAn left out (no EiBi site of that name, two candidates). Sites elsewhere have no
entry: their rows link through the language, or not at all.

Languages: HFCC writes ISO 639-3 codes (Kor, Eng); EiBi's README gives the ISO code of its own codes in brackets
(research eibi-README-excerpts.txt §I: K [kor], E [eng], J [jpn], KZ [kaz], M [cmn], R [rus], UI [uig]; C is
Chinese not further specified, which HFCC writes Zho or Chn). The rest of the table is the project's own reading
of EiBi's full language list, which the research excerpt does not quote: A Arabic, D German, F French, S Spanish,
P Portuguese, I Italian, NL Dutch, FS Farsi, DR Dari, PS Pashto, TB Tibetan, VN Vietnamese, TU Turkish,
HI Hindi, UR Urdu, IN Indonesian, MO Mongolian, NO Norwegian.
"""

from __future__ import annotations

HFCC_SITE_TO_EIBI: dict[str, tuple[str, ...]] = {
    "BEI": ("CHN-eb", "CHN-bm"),
    "BJI": ("CHN-a",),
    "CAH": ("CHN-cc",),
    "CDU": ("CHN-c",),
    "CHC": ("KOR-c",),
    "DOF": ("CHN-d3", "CHN-d"),
    "FUZ": ("CHN-f", "CHN-fz"),
    "GEM": ("CHN-q",),
    "GIY": ("CHN-gy",),
    "HEZ": ("CHN-g", "CHN-he"),
    "HLR": ("CHN-ha",),
    "HUH": ("CHN-h", "CHN-hh"),
    "HWA": ("KOR-h", "KOR-n"),
    "KAS": ("CHN-ka",),
    "KIM": ("KOR-k",),
    "KNG": ("KRE-k",),
    "KUJ": ("KRE-u",),
    "KUN": ("CHN-kl",),
    "LHA": ("CHN-t",),
    "LIN": ("CHN-L",),
    "MIN": ("TWN-m", "TWN-h"),
    "NJG": ("CHN-nj",),
    "NNN": ("CHN-n",),
    "PEK": ("CHN-eb", "CHN-bm"),
    "PLI": ("TWN-t", "TWN-s"),
    "PYO": ("KRE-p", "KRE-sw"),
    "QIQ": ("CHN-qq",),
    "SGH": ("CHN-sg",),
    "SUW": ("KOR-o", "KOR-h"),
    "SZG": ("CHN-s",),
    "TAI": ("TWN-s", "TWN-t"),
    "TSH": ("TWN-s", "TWN-w"),
    "U-B": ("MNG-u",),
    "URU": ("CHN-uc", "CHN-u"),
    "XIA": ("CHN-x",),
    "XIC": ("CHN-xc",),
    "XIN": ("CHN-xg",),
    "XIY": ("CHN-xy",),
}

HFCC_LANGUAGE_TO_EIBI: dict[str, tuple[str, ...]] = {
    "kor": ("K",),
    "eng": ("E",),
    "jpn": ("J",),
    "kaz": ("KZ",),
    "cmn": ("M", "C"),
    "rus": ("R",),
    "uig": ("UI",),
    "zho": ("C", "M"),
    "chn": ("C", "M"),
    "ara": ("A",),
    "arb": ("A",),
    "deu": ("D",),
    "fra": ("F",),
    "spa": ("S",),
    "por": ("P",),
    "ita": ("I",),
    "nld": ("NL",),
    "fas": ("FS",),
    "pes": ("FS",),
    "prs": ("DR",),
    "pus": ("PS",),
    "pst": ("PS",),
    "bod": ("TB",),
    "vie": ("VN",),
    "tur": ("TU",),
    "hin": ("HI",),
    "urd": ("UR",),
    "ind": ("IN",),
    "mon": ("MO",),
    "nor": ("NO",),
}


def eibi_site_key(country: str, site: str) -> str:
    """EiBi's site as `ITU-code`: `h` of a KOR row is `KOR-h`; `/RUS-s` is `RUS-s`; an empty site is ""."""
    if not site:
        return ""
    return site[1:] if site.startswith("/") else f"{country}-{site}"


def sites_compatible(hfcc_site: str, eibi_country: str, eibi_site: str) -> bool:
    return eibi_site_key(eibi_country, eibi_site) in HFCC_SITE_TO_EIBI.get(hfcc_site, ())


def languages_compatible(hfcc_language: str, eibi_language: str) -> bool:
    """HFCC's code (`Kor`) against EiBi's field, which may list several (`K,E`)."""
    wanted = HFCC_LANGUAGE_TO_EIBI.get(hfcc_language.casefold(), ())
    return any(code in wanted for code in eibi_language.split(","))
