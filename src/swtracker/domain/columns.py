"""Rules mapped over whole columns of values, as bulk imports check and store their rows: each rule runs once
per distinct value, and the rest is table look-ups at C speed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

Value = TypeVar("Value")
Result = TypeVar("Result")


class RuleTable(dict[Value, Result]):
    """The results of a rule by value, each worked out when its value is first looked up. `column` maps a
    whole column at C speed, running the rule once per distinct value: reports repeat a few codes, places and
    names thousands of times. A value the rule refuses (raises for) is not kept."""

    def __init__(self, rule: Callable[[Value], Result]) -> None:
        super().__init__()
        self.rule = rule

    def __missing__(self, value: Value) -> Result:
        result = self[value] = self.rule(value)
        return result

    def column(self, values: Iterable[Value]) -> list[Result]:
        return list(map(self.__getitem__, values))


def each_distinct(rule: Callable[[Value], Result], values: Iterable[Value]) -> list[Result]:
    """`rule` of every value of a column, run once per distinct value (RuleTable)."""
    return RuleTable(rule).column(values)
