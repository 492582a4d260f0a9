"""Writers of files other programs read (SDR bookmarks, iCalendar) and of DX-cluster spot lines: pure, no DB."""
