"""Who acts: the acting user an RPC carries (``contracts.fields.Actor``), as rules see them."""

from dataclasses import dataclass

from contracts.fields import Actor


@dataclass(frozen=True)
class Acting:
    """Who acts, as rules see them; ``division_id`` where a rule needs it (a head's)."""

    id: str
    role: str
    division_id: str | None = None


_ACTOR = Actor()


def acting(actor, division_id=None) -> Acting:
    """An :class:`Actor` from an RPC call as the rules' value."""
    data = _ACTOR.load(actor)
    return Acting(data["id"], data["role"], division_id)
