"""Value classes that cost next to nothing to define.

`@dataclass(frozen=True)` writes the source of six methods for each class and compiles it
when its module is imported: about a millisecond a class, most of what the core's import
adds to the desk's start-up. `value_class` keeps what the desk relies on (a constructor
taking the fields by position or name, with their defaults and default factories;
equality and hashing over the compared fields; a repr of the shown ones; no assignment
when frozen; `dataclasses.fields()` and `dataclasses.replace()`) with methods every such
class shares, so nothing is compiled at import.
"""

from __future__ import annotations

import inspect
from dataclasses import MISSING, FrozenInstanceError, dataclass, fields
from typing import Any, TypeVar

T = TypeVar("T", bound=type)


def value_class(cls: T | None = None, /, *, frozen: bool = True) -> Any:
    """Like `@dataclass(frozen=frozen)` for plain fields (no ClassVar, InitVar, kw_only, order)."""
    if cls is None:
        return lambda cls: value_class(cls, frozen=frozen)
    if not cls.__doc__:  # dataclass() would otherwise work one out with inspect.signature
        cls.__doc__ = f"{cls.__name__}({', '.join(inspect.get_annotations(cls))})"
    # Fields only: dataclasses.fields() and replace() read these; no method is generated.
    dataclass(cls, init=False, repr=False, eq=False)
    every = fields(cls)
    cls.__value_init__ = tuple((f.name, f.default, f.default_factory) for f in every)
    cls.__value_compared__ = tuple(f.name for f in every if f.compare)
    cls.__value_shown__ = tuple(f.name for f in every if f.repr)
    own = cls.__dict__  # a method the class writes itself wins, as with dataclass()
    if "__init__" not in own:
        cls.__init__ = _init
    if "__repr__" not in own:
        cls.__repr__ = _repr
    if "__eq__" not in own:
        cls.__eq__ = _eq
    if "__hash__" not in own:
        cls.__hash__ = _hash if frozen else None  # mutable values are not hashable, as with dataclass()
    if frozen:
        cls.__setattr__ = _refuse_assignment
        cls.__delattr__ = _refuse_deletion
    return cls


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    spec = type(self).__value_init__
    name = type(self).__qualname__
    if len(args) > len(spec):
        raise TypeError(f"{name}() takes {len(spec)} positional arguments but {len(args)} were given")
    for position, (field_name, default, factory) in enumerate(spec):
        if position < len(args):
            if field_name in kwargs:
                raise TypeError(f"{name}() got multiple values for argument {field_name!r}")
            value = args[position]
        elif field_name in kwargs:
            value = kwargs.pop(field_name)
        elif default is not MISSING:
            value = default
        elif factory is not MISSING:
            value = factory()
        else:
            raise TypeError(f"{name}() missing required argument: {field_name!r}")
        object.__setattr__(self, field_name, value)
    if kwargs:
        raise TypeError(f"{name}() got an unexpected keyword argument {next(iter(kwargs))!r}")


def _compared(value: Any) -> tuple[Any, ...]:
    return tuple([getattr(value, name) for name in type(value).__value_compared__])


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _compared(self) == _compared(other)


def _hash(self: Any) -> int:
    return hash(_compared(self))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in type(self).__value_shown__)
    return f"{type(self).__qualname__}({shown})"


def _refuse_assignment(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_deletion(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")
