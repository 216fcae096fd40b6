"""Chapter 10: automatic differentiation.

Chapter 5 wrote out nine derivatives by hand. Here the computer does it: a
`Value` is one number that remembers how it was made (from which values, by
which operation), and every operation knows its own *local* derivative, such as
``d(a * b)/da = b``. `Value.backward` then walks the recorded computation from
the result back to its inputs, in reverse topological order, and applies the
chain rule at each step: each input's gradient grows by the local derivative
times the gradient of what it fed into. That is reverse-mode automatic
differentiation, the idea behind PyTorch's autograd, for scalars.

The interface is that of Andrej Karpathy's micrograd, so code written for it
runs unchanged: ``Value(data)``, ``.data``, ``.grad``, ``+ - * /``, ``**`` with
a number exponent, plain numbers on either side, unary minus, ``relu``,
``tanh``, ``exp``, ``sigmoid`` and ``backward``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from operator import add, mul
from typing import Any

from . import checks
from .activation import sigmoid

__all__ = ["Value"]


class Value:
    """A number that records how it was computed, so that its gradient can be found.

    Parameters
    ----------
    data : float
        The number: a finite real number (ints, floats and numpy numbers are
        taken; text, booleans, NaN and infinity are refused).

    Attributes
    ----------
    data : float
        The number itself (a finite float; setting it checks it again).
    grad : float
        The derivative of the value `backward` was last called on with respect
        to this one: 0.0 until then.

    Notes
    -----
    Every operation makes a new `Value` from its inputs and gives it a small
    function, ``_backward``, that adds the operation's local derivative times
    the new value's gradient to each input's gradient. It *adds* (``+=``)
    because a value used twice, as ``a`` in ``a * b + a``, reaches the result
    along two paths, and its gradient is the sum of what each path sends back:
    setting it (``=``) would keep only the last. Gradients also add up over
    calls of `backward`, as in micrograd and PyTorch: set ``.grad = 0.0``
    before computing a fresh one.

    A result that overflows float64 (``Value(800).exp()``, ``Value(1e200) ** 2``),
    a division by zero and a negative number to a fractional power are refused
    with a `ValueError`; so is a gradient that overflows in `backward`.

    Examples
    --------
    >>> x = Value(3.0)
    >>> y = x * x + 2 * x  # y = x² + 2x, so dy/dx = 2x + 2 = 8 at x = 3
    >>> y.backward()
    >>> y
    Value(data=15.0, grad=1.0)
    >>> x.grad
    8.0

    What is not a finite number is refused where it enters, and a result too
    large for a float is an error rather than an infinity:

    >>> Value("3")
    Traceback (most recent call last):
    ...
    TypeError: data must be a real number, got '3' (type str)
    >>> Value(800).exp()
    Traceback (most recent call last):
    ...
    ValueError: exp(800.0) is too large: the result overflowed float64 ...
    >>> Value(2.0) ** Value(3.0)
    Traceback (most recent call last):
    ...
    TypeError: exponent must be a real number (x ** n takes a fixed n, not a Value), got ...
    """

    # numpy's arrays and scalars leave arithmetic with a Value to the Value itself, which
    # takes plain numbers only: np.array(0.5) + Value(0.5) or a duration is a TypeError.
    __array_ufunc__ = None

    def __init__(
        self,
        data: float,
        _children: Iterable[Value] = (),
        _op: str = "",
        _backward: Callable[[], None] | None = None,
    ) -> None:
        self.data = data  # checked by the property below
        self.grad = 0.0
        self._prev = tuple(_children)  # the values it was made from, in order
        self._op = _op  # and the operation that made it
        # How it passes its gradient on to those values (a value made from none: not at all).
        self._backward = _backward if _backward is not None else _nothing

    @property
    def data(self) -> float:
        """The number this value holds, a finite float.

        Examples
        --------
        >>> x = Value(2)
        >>> x.data
        2.0
        >>> x.data += 0.5  # what an SGD step does
        >>> x.data
        2.5
        """
        return self._data

    @data.setter
    def data(self, value: float) -> None:
        self._data = checks.real(value, "data")

    @property
    def grad(self) -> float:
        """The gradient, d(output)/d(this value), found by `backward`: 0.0 before.

        Examples
        --------
        >>> x = Value(2.0)
        >>> (x * 5).backward()
        >>> x.grad
        5.0
        >>> x.grad = 0.0  # reset before the next backward()
        """
        return self._grad

    @grad.setter
    def grad(self, value: float) -> None:
        self._grad = checks.real(value, "grad")

    def __repr__(self) -> str:
        return f"Value(data={self.data}, grad={self.grad})"

    # --- the operations: each with its local derivative, then its result -----------------

    def __add__(self, other: Value | float) -> Value:
        b = _as_value(other)
        if b is None:
            return NotImplemented

        def _backward() -> None:  # out = a + b
            self.grad += out.grad  # d(out)/da = 1
            b.grad += out.grad  # d(out)/db = 1

        out = Value(checks.result(add, self.data, b.data, op="+"), (self, b), "+", _backward)
        return out

    def __mul__(self, other: Value | float) -> Value:
        b = _as_value(other)
        if b is None:
            return NotImplemented

        def _backward() -> None:  # out = a * b
            self.grad += b.data * out.grad  # d(out)/da = b
            b.grad += self.data * out.grad  # d(out)/db = a

        out = Value(checks.result(mul, self.data, b.data, op="*"), (self, b), "*", _backward)
        return out

    def __pow__(self, exponent: float) -> Value:
        n = checks.exponent(exponent)

        def _backward() -> None:  # out = a ** n: d(out)/da = n a ** (n - 1), 0 if n = 0
            self.grad += (n * self.data ** (n - 1) if n else 0.0) * out.grad

        out = Value(checks.result(pow, self.data, n, op="**"), (self,), f"**{n:g}", _backward)
        return out

    def relu(self) -> Value:
        """max(0, x): the value itself if positive, else 0.

        Its slope is 1 where x > 0 and 0 elsewhere, including at exactly 0
        (as in PyTorch), where the true slope jumps from 0 to 1.

        Returns
        -------
        Value

        Examples
        --------
        >>> x = Value(-2.0)
        >>> y = x.relu()
        >>> y.backward()
        >>> y.data, x.grad
        (0.0, 0.0)
        >>> z = Value(0.0)
        >>> z.relu().backward()
        >>> z.grad  # at exactly 0 the slope is taken to be 0
        0.0
        """

        def _backward() -> None:  # d(out)/dx = 1 where x > 0, else 0 (at 0 too)
            self.grad += (1.0 if out.data > 0 else 0.0) * out.grad

        out = Value(self.data if self.data > 0 else 0.0, (self,), "ReLU", _backward)
        return out

    def tanh(self) -> Value:
        """The hyperbolic tangent, between -1 and 1; its slope is 1 - tanh(x)².

        Returns
        -------
        Value

        Examples
        --------
        >>> x = Value(0.0)
        >>> y = x.tanh()
        >>> y.backward()
        >>> y.data, x.grad
        (0.0, 1.0)
        """

        def _backward() -> None:  # d tanh(x)/dx = 1 - tanh(x)²
            self.grad += (1 - out.data**2) * out.grad

        out = Value(math.tanh(self.data), (self,), "tanh", _backward)
        return out

    def exp(self) -> Value:
        """e to the power x; its slope is e to the power x again.

        Returns
        -------
        Value

        Raises
        ------
        ValueError
            If the result overflows float64 (x above about 709.78).

        Examples
        --------
        >>> x = Value(1.0)
        >>> y = x.exp()
        >>> y.backward()
        >>> round(y.data, 6), x.grad == y.data  # e, and the slope is the value again
        (2.718282, True)
        """

        def _backward() -> None:  # d exp(x)/dx = exp(x)
            self.grad += out.data * out.grad

        out = Value(checks.result(math.exp, self.data, op="exp"), (self,), "exp", _backward)
        return out

    def sigmoid(self) -> Value:
        """The sigmoid of chapter 1, 1 / (1 + exp(-x)); its slope is f(x) (1 - f(x)).

        The number is `nn_from_scratch.sigmoid`'s, so a network of `Value`
        objects computes exactly what the `NeuralNetwork` of chapters 3 to 6
        does.

        Returns
        -------
        Value

        Examples
        --------
        >>> x = Value(0.0)
        >>> y = x.sigmoid()
        >>> y.backward()
        >>> y.data, x.grad
        (0.5, 0.25)
        """

        def _backward() -> None:  # f'(x) = f(x) (1 - f(x))
            self.grad += out.data * (1 - out.data) * out.grad

        out = Value(sigmoid(self.data), (self,), "sigmoid", _backward)
        return out

    # --- everything else is made of the operations above ----------------------------------

    def __neg__(self) -> Value:  # -a = a * -1
        return self * -1

    def __sub__(self, other: Value | float) -> Value:  # a - b = a + (-b)
        b = _as_value(other)
        return NotImplemented if b is None else self + (-b)

    def __truediv__(self, other: Value | float) -> Value:  # a / b = a * b**-1
        b = _as_value(other)
        return NotImplemented if b is None else self * b**-1

    # A number on the left, as in 2 * a: Python asks the Value, which makes the number a Value.

    def __radd__(self, other: float) -> Value:  # 2 + a
        return self.__add__(other)

    def __rmul__(self, other: float) -> Value:  # 2 * a
        return self.__mul__(other)

    def __rsub__(self, other: float) -> Value:  # 2 - a
        b = _as_value(other)
        return NotImplemented if b is None else b - self

    def __rtruediv__(self, other: float) -> Value:  # 2 / a
        b = _as_value(other)
        return NotImplemented if b is None else b / self

    # --- the backward pass ----------------------------------------------------------------

    def backward(self) -> None:
        """Find the gradient of this value with respect to every value it was computed from.

        Sets this value's `grad` to 1 (d(self)/d(self)), then visits every
        value it depends on in reverse topological order, each only after
        every value that used it, and lets each operation pass its gradient
        on to its inputs (the chain rule). Afterwards ``v.grad`` is
        d(self)/d(v) for every such `v`. The order is found without
        recursion, so a graph of any depth works.

        Raises
        ------
        ValueError
            If a gradient overflows float64 or is infinite (such as the slope
            of ``x ** 0.5`` at 0). Every `grad` is then left as it was, as it
            is when anything else stops the pass (Ctrl-C, or an operation's
            `_backward` that raises), which is raised as it was.

        Examples
        --------
        A value used twice gets a contribution from each use:

        >>> a = Value(-4.0)
        >>> b = a * a  # b = a², so db/da = 2a = -8: a * (-4) from each side
        >>> b.backward()
        >>> a.grad
        -8.0
        """
        order = self.graph()
        with checks.gradients_restored(order):  # all or nothing
            self.grad = 1.0
            for value in reversed(order):
                value.backward_step()

    def backward_step(self) -> None:
        """One step of `backward`: pass this value's gradient on to the values it was made from.

        Each of them gets this value's `grad` times the local derivative of
        the operation that made this value, added to its own `grad`.
        `backward` calls it on every value of the graph, each only after all
        the values that used it.

        Examples
        --------
        >>> a, b = Value(2.0), Value(-3.0)
        >>> c = a * b
        >>> c.grad = 1.0  # dc/dc
        >>> c.backward_step()  # dc/da = b, dc/db = a
        >>> a.grad, b.grad
        (-3.0, 2.0)
        """
        self._backward()

    @property
    def inputs(self) -> tuple[Value, ...]:
        """The values this value was computed from, in order (micrograd calls them `_prev`).

        Examples
        --------
        >>> a, b = Value(2.0), Value(-3.0)
        >>> (a * b).inputs == (a, b)
        True
        >>> a.inputs  # made from nothing
        ()
        """
        return self._prev

    def graph(self) -> list[Value]:
        """This value and every value it was computed from, each after all of its inputs.

        A topological order of the computation, found with a list of values
        still to visit rather than by recursion, so that a graph of any depth
        works (Python stops a recursion about a thousand calls deep).

        Returns
        -------
        list of Value
            Every value once; this value last.

        Examples
        --------
        >>> a, b = Value(2.0), Value(-3.0)
        >>> L = a * b + a
        >>> [value.data for value in L.graph()]
        [2.0, -3.0, -6.0, -4.0]
        """
        order: list[Value] = []
        seen: set[Value] = set()
        stack: list[tuple[Value, bool]] = [(self, False)]  # (value, its inputs are done)
        while stack:
            value, inputs_done = stack.pop()
            if inputs_done:
                order.append(value)
            elif value not in seen:
                seen.add(value)
                stack.append((value, True))  # comes back after all of its inputs
                stack.extend((child, False) for child in reversed(value.inputs))
        return order


def _nothing() -> None:
    """The backward step of a value made from no other value: nothing to pass on."""


def _as_value(other: Any) -> Value | None:
    """`other` as a `Value`: itself, or a number wrapped; None if it is not a number at all."""
    if isinstance(other, Value):
        return other
    number = checks.operand(other, "other")
    return None if number is None else Value(number)
