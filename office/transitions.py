"""A state machine as one table (a notice, a document, a case …): each verb's row says the
statuses it starts from, the status it leads to, and who may do it. A service's rules write
the table once; their ``check_*`` refusals and ``actions`` read it."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Transition:
    """One row: ``sources``, the statuses the verb starts from; ``target``, the status it
    leads to (or those a review or a finding picks from); ``who``, the rules' named
    predicate of who may do it."""

    sources: tuple[str, ...]
    target: str | tuple[str, ...]
    who: Callable[..., bool]

    @property
    def targets(self) -> tuple[str, ...]:
        return (self.target,) if isinstance(self.target, str) else self.target
