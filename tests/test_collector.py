"""The cyclic collector pause (swtracker.collector) used by listings and bulk imports."""

from __future__ import annotations

import gc

import pytest

from swtracker.collector import cycle_collection_paused


def test_the_collector_is_paused_for_the_block_and_resumes_after_an_error() -> None:
    assert gc.isenabled()
    with cycle_collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError, match="inside"), cycle_collection_paused():
        raise ValueError("inside")
    assert gc.isenabled()


def test_a_collector_paused_before_stays_paused() -> None:
    gc.disable()
    try:
        with cycle_collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
