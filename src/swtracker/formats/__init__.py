"""Pure parsers: lines in, frozen records or ParseError out. No database, no network, no clock."""
