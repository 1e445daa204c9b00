"""The event graph, from the code: who raises each event, who consumes it, and where the
two disagree (``python -m xiaoneng.topology --graph``; ``docs/events.md``).

- *Producers*: each service and the gateway raise what their source says they raise
  (:mod:`xiaoneng.emits`); outside systems raise what ``contracts/intake.py`` declares on
  the ``xiaoneng.intake`` exchange (the party ``intake``: the one publisher here,
  ``xiaoneng.client``, sends nothing else).
- *Declared*: the schemas each producer's ``contracts/<producer>.py`` holds (``SCHEMAS``).
- *Consumers*: the event, intake and broadcast handlers of the services' and the
  gateway's classes, as the broker's topology is built from them (:mod:`xiaoneng.topology`).
"""

import re
from dataclasses import dataclass
from importlib import import_module

from nameko.events import BROADCAST, EventDispatcher

from contracts import INTAKE, PRODUCERS
from xiaoneng import GATEWAY, SERVICE_CLASSES
from xiaoneng.emits import EMIT, Index
from xiaoneng.topology import event_entrypoints, party_class


@dataclass(frozen=True, order=True)
class Consumer:
    source: str
    event: str
    handler: str  # service.method
    broadcast: bool  # heard by every running instance, kept in no queue

    def __str__(self):
        return f"{self.handler} (broadcast)" if self.broadcast else self.handler


@dataclass(frozen=True)
class Graph:
    declared: dict  # (producer, event) -> its schema
    raised: frozenset  # (producer, event)
    consumers: tuple  # Consumer, sorted
    unreadable: tuple  # "path:line" of emits whose type the source does not say

    def consumers_of(self, producer, event):
        return [c for c in self.consumers if (c.source, c.event) == (producer, event)]

    @property
    def events(self):
        """Every (producer, event) raised or declared, sorted."""
        return sorted(self.raised | set(self.declared))

    @property
    def edges(self):
        return [(c.source, c.event, c) for c in self.consumers
                if (c.source, c.event) in self.raised]

    @property
    def unconsumed(self):
        consumed = {(c.source, c.event) for c in self.consumers}
        return [e for e in self.events if e not in consumed]

    @property
    def orphans(self):
        """Consumers of an event their source never raises."""
        return [c for c in self.consumers if (c.source, c.event) not in self.raised]

    @property
    def never_raised(self):
        return sorted(set(self.declared) - self.raised)

    @property
    def undeclared(self):
        return sorted(self.raised - set(self.declared))


def parties():
    """name -> the class of each party with code here: the services, then the gateway."""
    return {**{name: party_class(path) for name, path in SERVICE_CLASSES.items()},
            "gateway": party_class(GATEWAY)}


def dispatchers(classes):
    """The attribute names a party raises events through besides the unit of work's
    ``emit``: its nameko dispatchers (the gateway's ``dispatch_event``)."""
    return {name for cls in classes for name in dir(cls)
            if isinstance(getattr(cls, name, None), EventDispatcher)}


def declared():
    found = {}
    for producer in (*PRODUCERS, INTAKE):
        for event, schema in import_module(f"contracts.{producer}").SCHEMAS.items():
            found[(producer, event)] = schema
    return found


def raised(classes, contracts):
    """(producer, event) for each event the code raises, and the emits it cannot read."""
    index = Index({EMIT, *dispatchers(classes.values())})
    found, unreadable = {(p, e) for p, e in contracts if p == INTAKE}, []
    for name, cls in classes.items():
        for site in index.raised_in(cls.__module__.rpartition(".")[0]):
            if site.literal:
                found.add((name, site.literal))
                continue
            fitting = [e for p, e in contracts if p == name and site.pattern
                       and re.fullmatch(site.pattern, e)]
            found |= {(name, e) for e in fitting}
            if not fitting:
                unreadable.append(site.where)
    return frozenset(found), tuple(sorted(set(unreadable)))


def consumers(classes):
    return tuple(sorted(
        Consumer(handler.source_service, handler.event_type, f"{name}.{method}",
                 handler.handler_type == BROADCAST)
        for name, cls in classes.items() for method, handler in event_entrypoints(cls)))


def graph() -> Graph:
    classes, contracts = parties(), declared()
    found, unreadable = raised(classes, contracts)
    return Graph(contracts, found, consumers(classes), unreadable)

