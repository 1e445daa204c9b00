"""The office's shared domain: what several services know alike and the chassis must not —
the copies of posts' data and who held work when (:mod:`office.projections`), who acts
(:mod:`office.acting`), 催办 (:mod:`office.urges`, :mod:`office.work_items`), and the row
of a state machine's table (:mod:`office.transitions`).

It imports the chassis and the contracts, never a service nor the gateway
(``tests/unit/test_boundaries.py``).
"""
