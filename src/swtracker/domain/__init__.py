"""Pure rules: seasons, day rules, UTC windows, signal codes, statistics. No database, no network."""
