"""psycopg2 connections that spend fewer round trips on the same transactions.

Stock psycopg2 sends a transaction's ``BEGIN`` as a message of its own before the first
statement, and waits for its answer: on a small host a round trip costs more than most
statements (BENCHMARKS.md). :class:`Connection` sends ``BEGIN`` in the same message as the
first statement, and statements queued with :meth:`Connection.send_ahead` (an advisory
lock, whose answer nobody reads) in the same message as the next one. PostgreSQL runs the
statements of one message in order, each with its own snapshot, so what follows a lock
still sees what was committed before the lock was granted: the transactions are exactly
those stock psycopg2 makes, in fewer messages.

psycopg2 runs in autocommit mode underneath, so that it never sends a ``BEGIN`` itself;
the connection shows SQLAlchemy the transactional connection it expects (``autocommit``
false unless asked for, ``commit`` and ``rollback`` ending the transaction it began).
"""

from psycopg2 import extensions

IDLE = extensions.TRANSACTION_STATUS_IDLE
_AUTOCOMMIT = extensions.ISOLATION_LEVEL_AUTOCOMMIT
_BEGIN = {
    None: b"BEGIN",  # the server's default
    extensions.ISOLATION_LEVEL_READ_UNCOMMITTED: b"BEGIN ISOLATION LEVEL READ UNCOMMITTED",
    extensions.ISOLATION_LEVEL_READ_COMMITTED: b"BEGIN ISOLATION LEVEL READ COMMITTED",
    extensions.ISOLATION_LEVEL_REPEATABLE_READ: b"BEGIN ISOLATION LEVEL REPEATABLE READ",
    extensions.ISOLATION_LEVEL_SERIALIZABLE: b"BEGIN ISOLATION LEVEL SERIALIZABLE",
}


class Cursor(extensions.cursor):
    """Sends what its connection has waiting (``BEGIN``, statements ahead) with a statement."""

    def execute(self, query, vars=None):
        waiting = self.connection.waiting()
        if not waiting:
            return super().execute(query, vars)
        if self.name is not None:  # a named cursor wraps its query in DECLARE: send apart
            self.connection.send_waiting()
            return super().execute(query, vars)
        # The whole message as psycopg2 would have made each part: its parameters bound here.
        return super().execute(b";".join((*waiting, self.mogrify(query, vars))))

    def executemany(self, query, vars_list):
        self.connection.send_waiting()
        return super().executemany(query, vars_list)

    def callproc(self, procname, parameters=None):
        self.connection.send_waiting()
        return super().callproc(procname, parameters)

    def copy_expert(self, sql, file, size=8192):
        self.connection.send_waiting()
        return super().copy_expert(sql, file, size)


class Connection(extensions.connection):
    """A psycopg2 connection whose ``BEGIN`` travels with the transaction's first statement
    (``connection_factory``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        extensions.connection.autocommit.__set__(self, True)
        self.cursor_factory = Cursor
        self._level = None  # psycopg2's isolation level: None is the server's default
        self._ahead = []

    def cursor(self, name=None, *args, **kwargs):
        """psycopg2 refuses a named (server-side) cursor on an autocommit connection unless
        it is declared ``WITH HOLD``: inside our transaction that changes nothing until the
        commit, which keeps a cursor still open (SQLAlchemy closes its own before)."""
        if name is not None:
            kwargs["withhold"] = True
        return super().cursor(name, *args, **kwargs)

    @property
    def autocommit(self):
        return self._level == _AUTOCOMMIT

    @autocommit.setter
    def autocommit(self, value):
        self._level = _AUTOCOMMIT if value else None

    @property
    def isolation_level(self):
        return None if self._level == _AUTOCOMMIT else self._level

    def set_isolation_level(self, level):
        """As psycopg2's: ends the transaction in progress; applies from the next one."""
        self.rollback()
        self._level = level

    def send_ahead(self, statement: str, params=()):
        """Send ``statement`` with the next one, or with ``COMMIT``: its answer is not read,
        its error is the next statement's."""
        self._ahead.append(extensions.cursor(self).mogrify(statement, params))

    def waiting(self) -> list[bytes]:
        """What must precede the next statement: ``BEGIN`` if no transaction is open, then
        the statements sent ahead. Taken by the caller, who sends it."""
        waiting, self._ahead = self._ahead, []
        if self._level != _AUTOCOMMIT and self.info.transaction_status == IDLE:
            waiting.insert(0, _BEGIN[self._level])
        return waiting

    def send_waiting(self):
        waiting = self.waiting()
        if waiting:
            extensions.cursor(self).execute(b";".join(waiting))

    def ping(self):
        """``SELECT 1`` outside any transaction: it opens none."""
        extensions.cursor(self).execute("SELECT 1")

    def commit(self):
        statements = [*self._ahead, b"COMMIT"]
        self._ahead = []
        if self.info.transaction_status != IDLE:
            extensions.cursor(self).execute(b";".join(statements))

    def rollback(self):
        self._ahead = []
        if self.info.transaction_status != IDLE:
            extensions.cursor(self).execute(b"ROLLBACK")
