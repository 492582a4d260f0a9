"""The base class of the tables."""

from __future__ import annotations

from sqlmodel import SQLModel
from sqlmodel._compat import SQLModelConfig  # the config type SQLModel itself uses; sqlmodel does not re-export it


class Table(SQLModel):
    """The base of every table. Pydantic builds a table's validator when something first validates one (few
    commands do) instead of when the class is defined: that was a third of the time to define the tables, which
    every command pays at start-up."""

    model_config = SQLModelConfig(defer_build=True)
