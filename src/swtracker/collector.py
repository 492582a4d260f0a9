"""Pausing Python's cyclic garbage collector while one piece of work makes many objects that live until it ends."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """The cyclic garbage collector paused for the block. A bulk import makes some 10^5 objects that live until
    it ends, with few cycles among them, and the collector would scan them again and again (an eighth of a
    100,000-row report import's CPU). Whatever cycles there are go when the collector resumes. (The `swtracker`
    program runs with the collector off altogether, see swtracker.__main__; this pause serves the services when
    another program calls them.)"""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
