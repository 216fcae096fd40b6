"""Every public name carries a numpy-style docstring with an Examples section.

Functions, classes and methods are read at run time; module constants keep
their docstring in the source (the string right after the assignment), which
is where mkdocstrings reads it from too.
"""

from __future__ import annotations

import ast
import inspect
import itertools
from pathlib import Path

import pytest

import nn_from_scratch

PACKAGE = Path(nn_from_scratch.__file__).parent


def constant_docstrings() -> dict[str, str]:
    found = {}
    for path in PACKAGE.glob("*.py"):
        body = ast.parse(path.read_text()).body
        for node, after in itertools.pairwise(body):
            if (
                isinstance(node, (ast.Assign, ast.AnnAssign))
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        found[target.id] = after.value.value
    return found


CONSTANTS = constant_docstrings()


def docstring_of(name: str) -> str:
    obj = getattr(nn_from_scratch, name)
    if inspect.isfunction(obj) or inspect.isclass(obj):
        return inspect.getdoc(obj) or ""
    return CONSTANTS.get(name, "")


@pytest.mark.parametrize("name", nn_from_scratch.__all__)
def test_public_name_has_an_examples_section(name: str) -> None:
    doc = docstring_of(name)
    assert "\nExamples\n--------\n" in doc, f"{name} has no Examples section"
    assert ">>> " in doc


PUBLIC_METHODS = [
    (cls.__name__, method)
    for cls in (nn_from_scratch.Neuron, nn_from_scratch.NeuralNetwork)
    for method, _ in inspect.getmembers(cls, callable)
    if not method.startswith("_")
]


def test_the_classes_have_public_methods() -> None:
    assert ("NeuralNetwork", "feed_forward") in PUBLIC_METHODS


@pytest.mark.parametrize(("cls", "method"), PUBLIC_METHODS)
def test_public_method_is_documented_with_examples(cls: str, method: str) -> None:
    doc = inspect.getdoc(getattr(getattr(nn_from_scratch, cls), method)) or ""
    assert "\nExamples\n--------\n" in doc


@pytest.mark.parametrize(
    "name", [n for n in nn_from_scratch.__all__ if inspect.isfunction(getattr(nn_from_scratch, n))]
)
def test_function_documents_what_it_returns_and_takes(name: str) -> None:
    doc = docstring_of(name)
    signature = inspect.signature(getattr(nn_from_scratch, name))
    if signature.parameters:
        assert "\nParameters\n----------\n" in doc
        for parameter in signature.parameters:
            listed = (f"\n{parameter} :", f"\n{parameter}, ", f", {parameter}")
            assert any(form in doc for form in listed), parameter
    assert "\nReturns\n-------\n" in doc or signature.return_annotation in ("None", None)
