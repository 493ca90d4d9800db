"""value_class behaves as @dataclass does for the desk's value classes, without generated code."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pytest

from phlo_desk.core.values import value_class


def _leg_class(decorate):
    @decorate
    class Leg:
        role: str
        address: str
        held: bool = False
        notes: list[str] = field(default_factory=list, compare=False, repr=False)

    return Leg


ValueLeg = _leg_class(value_class)
DataLeg = _leg_class(dataclass(frozen=True))


@pytest.mark.parametrize("Leg", [ValueLeg, DataLeg], ids=["value_class", "dataclass"])
def test_construction_by_position_name_default_and_factory(Leg):
    leg = Leg("agent", address="sip:a@x")
    assert (leg.role, leg.address, leg.held, leg.notes) == ("agent", "sip:a@x", False, [])
    assert Leg("a", "b").notes is not Leg("a", "b").notes  # a fresh list each time
    assert Leg("a", "b", True, ["n"]).notes == ["n"]
    for wrong in (lambda: Leg("a"), lambda: Leg("a", "b", True, [], "extra"), lambda: Leg("a", "b", wrong=1),
                  lambda: Leg("a", "b", role="c")):
        with pytest.raises(TypeError):
            wrong()


@pytest.mark.parametrize("Leg", [ValueLeg, DataLeg], ids=["value_class", "dataclass"])
def test_equality_and_hash_use_the_compared_fields_only(Leg):
    assert Leg("a", "b", notes=["x"]) == Leg("a", "b", notes=["y"])
    assert hash(Leg("a", "b", notes=["x"])) == hash(Leg("a", "b"))
    assert Leg("a", "b") != Leg("a", "c")
    assert Leg("a", "b") != ("a", "b", False)  # another type is never equal
    assert len({Leg("a", "b"), Leg("a", "b"), Leg("a", "c")}) == 2


@pytest.mark.parametrize("Leg", [ValueLeg, DataLeg], ids=["value_class", "dataclass"])
def test_frozen_fields_cannot_be_assigned_or_deleted(Leg):
    leg = Leg("a", "b")
    with pytest.raises(dataclasses.FrozenInstanceError):
        leg.role = "c"
    with pytest.raises(dataclasses.FrozenInstanceError):
        del leg.address
    assert leg.role == "a"


def test_repr_fields_and_replace_match_dataclass():
    assert repr(ValueLeg("a", "b", notes=["secret"])).endswith(".Leg(role='a', address='b', held=False)")
    assert repr(ValueLeg("a", "b")) == repr(DataLeg("a", "b"))
    assert [f.name for f in dataclasses.fields(ValueLeg)] == ["role", "address", "held", "notes"]
    changed = dataclasses.replace(ValueLeg("a", "b", notes=["n"]), held=True)
    assert changed == ValueLeg("a", "b", True) and changed.notes == ["n"]
    assert ValueLeg.held is False  # a plain default stays readable on the class, as resolve_profile reads it


def test_a_method_the_class_writes_wins():
    @value_class
    class Secret:
        user: str
        token: str

        def __repr__(self) -> str:
            return f"Secret(user={self.user!r})"

    assert repr(Secret("ann", "t0ken")) == "Secret(user='ann')"


def test_a_mutable_value_class_can_change_and_is_not_hashable():
    @value_class(frozen=False)
    class Counter:
        count: int = 0
        seen: dict[str, int] = field(default_factory=dict)

    counter = Counter()
    counter.count += 1
    counter.seen["a"] = 1
    assert counter == Counter(1, {"a": 1})
    assert Counter().seen is not Counter().seen
    with pytest.raises(TypeError):
        hash(counter)
