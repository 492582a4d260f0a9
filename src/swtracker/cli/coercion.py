"""Typer's coercion of option and argument values, with pydantic loaded only for values that need it.

Typer converts every parameter's value through a pydantic TypeAdapter, built (and pydantic imported) the first time
the command runs. Most values swtracker's commands get are already what they declare: not given (None), a text
option's text, an integer's default, or are paths' texts. Passing those through unchanged (a path as Path(text)) is
what the adapters do with them too, and spares a command that needs no pydantic otherwise (`summary`) about a tenth
of its CPU time. Anything else goes to Typer's own coercion, the same adapter and the same error messages as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
from typer.core import _TyperParameter

if TYPE_CHECKING:
    from typer._click import Context

_LONGEST_PLAIN_INTEGER = 18  # digits: far below the longest text int() reads


@dataclass(frozen=True)
class PlainFirst(RuntimeParam):
    """A parameter's coercion: plain values pass through (integers typed in ASCII digits are read as int() reads
    them, as pydantic does); the rest goes to Typer's coercion, built when first needed."""

    descriptor: TypeDescriptor

    def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
        plain = self._plain(value)
        if plain is not None:
            return plain
        return build_runtime_param(self.descriptor)._coerce_value(value, param=param, ctx=ctx)

    def _plain(self, value: Any) -> Any:
        """The coerced value when Typer's adapter would return it unchanged (or read digits as int); None when
        that adapter must decide."""
        info = self.descriptor.parameter_info
        annotation = self.descriptor.annotation
        if self.descriptor.file_annotation is not None or info.parser is not None:
            return None
        if annotation is str:
            return value if type(value) is str else None
        if annotation is Path:
            return Path(value) if _path_text(value) else None
        if annotation == list[Path]:  # `import FILE...`: click passes the texts as a tuple
            plain_texts = type(value) in (tuple, list) and all(map(_path_text, value))
            return [Path(text) for text in value] if plain_texts else None
        if annotation is not int or info.clamp:
            return None
        if type(value) is str and value.isascii() and value.isdigit() and len(value) <= _LONGEST_PLAIN_INTEGER:
            value = int(value)
        if type(value) is not int:
            return None
        if (info.min is not None and value < info.min) or (info.max is not None and value > info.max):
            return None  # out of range: Typer's message
        return value


def _path_text(value: Any) -> bool:
    """A text that the adapter makes a Path of as Path() does (it refuses a NUL, which no file name holds)."""
    return type(value) is str and "\x00" not in value


def _plain_values_first(param: _TyperParameter) -> RuntimeParam:
    if param._runtime_param is None:
        param._runtime_param = PlainFirst(
            param.type_descriptor.parameter_info, param.type_descriptor.annotation, param.type_descriptor
        )
    return param._runtime_param


def install() -> None:
    """Every Typer parameter of this process coerces plain values first. Typer builds a parameter's coercion on
    first use through the method replaced here; the parameters are made in many places (each command's
    options, the help and completion options Typer adds), so one place catches them all."""
    _TyperParameter.get_runtime_param = _plain_values_first  # type: ignore[method-assign, assignment]
