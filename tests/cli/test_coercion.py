"""cli.coercion: option values coerced without pydantic are exactly what Typer's own coercion makes of them, and
everything else (errors included) is Typer's."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st
from typer._coercion import build_runtime_param
from typer.core import _TyperParameter

from swtracker.cli.coercion import PlainFirst


def _options(
    limit: Annotated[int | None, typer.Option("--limit", min=1)] = None,
    port: Annotated[int, typer.Option("--port", min=0, max=65535)] = 0,
    count: Annotated[int, typer.Option("--count")] = 0,
    name: Annotated[str | None, typer.Option("--name")] = None,
    ratio: Annotated[float, typer.Option("--ratio", min=0.1)] = 0.5,
    output: Annotated[Path | None, typer.Option("--output")] = None,
    files: Annotated[list[Path] | None, typer.Option("--file")] = None,
) -> None:
    """Options of each kind the commands declare."""


_probe = typer.Typer(add_completion=False)
_probe.command()(_options)
COMMAND = typer.main.get_command(_probe)


def _outcome(coerce: Any, value: Any, param: _TyperParameter) -> tuple[str, Any]:
    context = COMMAND.make_context("probe", [])
    try:
        result = coerce(value, param=param, ctx=context)
    except typer.BadParameter as error:
        return "error", error.format_message()
    return type(result).__name__, result


def _params() -> list[_TyperParameter]:
    return [param for param in COMMAND.params if isinstance(param, _TyperParameter)]


texts = st.one_of(
    st.text(max_size=25),
    st.from_regex(r"\A[+-]? ?[0-9_]{1,25} ?\Z"),
    st.sampled_from(["0", "00", "007", "65535", "65536", "1e3", "٣", "²", "", " 5", "5.0"]),
)


@given(texts)
def test_plain_first_coerces_text_as_typer_does(text: str) -> None:
    for param in _params():
        descriptor = param.type_descriptor
        plain = PlainFirst(descriptor.parameter_info, descriptor.annotation, descriptor)
        typers = build_runtime_param(descriptor)
        assert _outcome(plain.coerce, text, param) == _outcome(typers.coerce, text, param), param.name


@given(st.lists(texts, max_size=4).map(tuple))
def test_plain_first_coerces_texts_as_typer_does(texts: tuple[str, ...]) -> None:
    """Several values of one parameter (`import FILE...`), as click passes them: a tuple."""
    for param in _params():
        descriptor = param.type_descriptor
        plain = PlainFirst(descriptor.parameter_info, descriptor.annotation, descriptor)
        typers = build_runtime_param(descriptor)
        assert _outcome(plain.coerce, texts, param) == _outcome(typers.coerce, texts, param), param.name


@pytest.mark.parametrize("value", [None, 0, 1, 65535, 65536, -1, 0.5, 2.0, True, (), ("a.csv", "")])
def test_plain_first_coerces_defaults_as_typer_does(value: Any) -> None:
    for param in _params():
        descriptor = param.type_descriptor
        plain = PlainFirst(descriptor.parameter_info, descriptor.annotation, descriptor)
        typers = build_runtime_param(descriptor)
        assert _outcome(plain.coerce, value, param) == _outcome(typers.coerce, value, param), param.name
