"""swtracker: shortwave broadcast schedule and jamming tracker."""

__version__ = "0.1.0"
