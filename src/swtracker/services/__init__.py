"""Use cases: import, on-air, reports, summary, fetch. Each owns its transaction."""
