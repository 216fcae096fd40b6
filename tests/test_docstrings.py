"""Every public function, class and method carries a numpy-style docstring with Examples.

Functions, classes and methods are read at run time; module constants keep
their docstring in the source (the string right after the assignment), which
is where mkdocstrings reads it from too. A constant needs a docstring but no
Examples section: an example that only prints the constant teaches nothing.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import itertools
from pathlib import Path

import pytest

import nn_from_scratch

PACKAGE = Path(nn_from_scratch.__file__).parent


def constant_docstrings() -> dict[str, str]:
    found = {}
    for path in [*PACKAGE.glob("*.py"), *PACKAGE.glob("*/*.py")]:
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


MODULES = [
    importlib.import_module(f"nn_from_scratch.{path.stem}")
    for path in sorted(PACKAGE.glob("*.py"))
    if not path.stem.startswith("_")
] + [
    importlib.import_module(f"nn_from_scratch.{path.parent.name}")
    for path in sorted(PACKAGE.glob("*/__init__.py"))  # the subpackage exercises
]
# Every public function and class of every module, the math below the boundary too.
CALLABLES = {
    f"{module.__name__}.{name}": getattr(module, name)
    for module in MODULES
    for name in getattr(module, "__all__", [])
    if inspect.isfunction(getattr(module, name)) or inspect.isclass(getattr(module, name))
}
PUBLIC_METHODS = {
    f"{qualified}.{method}": function
    for qualified, cls in CALLABLES.items()
    if inspect.isclass(cls)
    for method, function in vars(cls).items()
    if not method.startswith("_") and (callable(function) or isinstance(function, property))
}


def test_the_modules_and_their_math_are_found() -> None:
    assert "nn_from_scratch.training.backprop" in CALLABLES
    assert "nn_from_scratch.matrix.MatrixNetwork.layer_outputs" in PUBLIC_METHODS
    assert "nn_from_scratch.network.NeuralNetwork.feed_forward" in PUBLIC_METHODS


@pytest.mark.parametrize("name", sorted(CALLABLES) + sorted(PUBLIC_METHODS))
def test_public_callable_has_an_examples_section(name: str) -> None:
    obj = CALLABLES.get(name) or PUBLIC_METHODS[name]
    doc = inspect.getdoc(obj.fget if isinstance(obj, property) else obj) or ""
    assert "\nExamples\n--------\n" in doc, f"{name} has no Examples section"
    assert ">>> " in doc


@pytest.mark.parametrize(
    "name", [n for n in nn_from_scratch.__all__ if not callable(getattr(nn_from_scratch, n))]
)
def test_public_constant_has_a_docstring(name: str) -> None:
    assert len(CONSTANTS.get(name, "")) > 20


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
