"""The local history: every action and its result, in an SQLite file.

One row per action that had a request: what was asked, of whom, and what came
of it. A row holds only fields of ActionResult and its request, none of which
is secret. The worker thread writes; the History dialog reads through its own
store (an sqlite3 connection belongs to the thread that opened it).

The row is written before the request is sent (`append_sent`: answered = 0,
"Sent, no answer recorded") and completed with the answer by one UPDATE
(`complete`) before the agent is shown it. So after a crash at any moment the
history says what was sent, and a row without an answer says its outcome is
unknown: the agent must check the call.

Durability: WAL journal with synchronous=FULL, so a committed row survives a
kill -9 or a power cut, and a half-written one vanishes cleanly. A locked or
damaged file raises HistoryError quickly instead of hanging or being replaced:
the history never stands in the way of a transfer, and the user's file is
never deleted or renamed behind their back. A file from an older version is
brought up to date in place, keeping every row.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from phlo_desk.core.actions import ActionRequest, MemberAction, MemberRequest, NodeAction, NodeRequest, Role
from phlo_desk.core.outcomes import ActionResult, Outcome
from phlo_desk.core.text import digits, looks_like_number, spreadsheet_safe
from phlo_desk.core.translatable import translatable

BUSY_TIMEOUT_S = 0.2  # a locked file fails fast: the worker must not hang behind it
NODE_ACTIONS = tuple(action.value for action in NodeAction)
MEMBER_ACTIONS = tuple(action.value for action in MemberAction)
# The consult's moves, recorded by name (see Audit), and the member action each one sends.
CONSULT_ACTIONS = {"complete_transfer": MemberAction.HANGUP, "join_all": MemberAction.RESUME_CALL,
                   "cancel_transfer": MemberAction.ABORT_TRANSFER}
# The columns of a record, in the order of HistoryRecord and of the exported CSV.
# "answered" is last so that columns keep their place in exports of older versions.
RECORD_COLUMNS = (
    "id", "at", "action", "target", "trigger_source", "role", "outcome",
    "status", "api_id", "message", "detail", "elapsed_ms", "answered",
)
# The message of a row whose request was sent (or about to be) and whose answer was
# never recorded: the desk stopped before it came. Its outcome is unknown.
NO_ANSWER_MESSAGE = translatable("Sent, no answer recorded: check the call.")

# Each step brings a file from the version before it to the next; a new file takes them all.
_MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # version 1
        """CREATE TABLE history (
            id             INTEGER PRIMARY KEY,
            at             TEXT NOT NULL,  -- ISO 8601 with the UTC offset, for people and the CSV
            at_epoch       REAL NOT NULL,  -- seconds since the epoch, for the date filter
            action         TEXT NOT NULL,
            target         TEXT NOT NULL,
            trigger_source TEXT NOT NULL,
            role           TEXT NOT NULL,
            outcome        TEXT NOT NULL,
            status         INTEGER,
            api_id         TEXT NOT NULL,
            message        TEXT NOT NULL,
            detail         TEXT NOT NULL,
            elapsed_ms     REAL,
            -- For the address filter: target and trigger_source in lower case, and their
            -- digits alone (so "415 222" finds +14152225555), each pair joined by a newline.
            search_text    TEXT NOT NULL,
            search_digits  TEXT NOT NULL
        )""",
        "CREATE INDEX history_at ON history (at_epoch)",
        "CREATE INDEX history_outcome ON history (outcome)",
    ),
    (  # version 2: rows written before sending. Every older row was written after its answer.
        "ALTER TABLE history ADD COLUMN answered INTEGER NOT NULL DEFAULT 1",
    ),
)
SCHEMA_VERSION = len(_MIGRATIONS)

_INSERT = """
    INSERT INTO history (at, at_epoch, action, target, trigger_source, role, search_text, search_digits,
                         outcome, status, api_id, message, detail, elapsed_ms, answered)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
_COMPLETE = """
    UPDATE history SET outcome = ?, status = ?, api_id = ?, message = ?, detail = ?, elapsed_ms = ?,
                       answered = 1
    WHERE id = ? AND answered = 0
"""
# What a row says until its answer is recorded: outcome, status, api_id, message, detail, elapsed_ms.
_NO_ANSWER = (Outcome.UNKNOWN.value, None, "", NO_ANSWER_MESSAGE, "", None)

# What a person types when looking for a number: digits and phone punctuation only.
_SEPARATOR = "\n"  # between target and trigger_source in the search columns: no match spans both


class HistoryError(Exception):
    """The history could not be read or written; str() says so in plain language.

    str() is `doing` and `reason` joined: two fixed sentences without
    placeholders, each marked `translatable`, so the window translates each.
    `detail` names the file and what SQLite or the OS said, for the log.
    """

    def __init__(self, doing: str, reason: str, detail: str = "") -> None:
        super().__init__(f"{doing} {reason}")
        self.doing, self.reason, self.detail = doing, reason, detail


@dataclass(frozen=True)
class HistoryRecord:
    id: int
    at: datetime  # tz-aware, in the local time zone
    action: str
    target: str
    trigger_source: str  # "" for member actions
    role: str  # "" for member actions
    outcome: Outcome
    status: int | None
    api_id: str
    message: str
    detail: str
    elapsed_ms: float | None
    answered: bool  # False: sent (or about to be), no answer recorded; the outcome is unknown

    def request(self) -> ActionRequest | None:
        """The request as it was sent; None for an action this version does not know."""
        if self.action in NODE_ACTIONS:
            return NodeRequest(NodeAction(self.action), self.target, self.trigger_source, Role(self.role))
        if self.action in CONSULT_ACTIONS:
            return MemberRequest(CONSULT_ACTIONS[self.action], self.trigger_source)
        if self.action in MEMBER_ACTIONS:
            return MemberRequest(MemberAction(self.action), self.target)
        return None


    def as_result(self) -> ActionResult:
        """The result as it was recorded, so it can be shown like a fresh one."""
        return ActionResult(
            outcome=self.outcome,
            message=self.message,
            request=self.request(),
            status=self.status,
            api_id=self.api_id,
            detail=self.detail,
            elapsed_ms=self.elapsed_ms,
        )


@dataclass(frozen=True)
class Audit:
    """What a row says was asked: the move as the agent saw it, and of whom.

    Complete transfer, Join all and Cancel transfer are requests on the agent's own
    leg; their rows name the move and the colleague, with the agent's leg as the
    trigger source, so the history reads as the agent acted.
    """

    action: str
    target: str
    trigger_source: str = ""
    role: str = ""

    @classmethod
    def of(cls, request: ActionRequest, move: str | None = None, about: str = "") -> Audit:
        if isinstance(request, NodeRequest):
            return cls(move or request.action.value, about or request.to, request.trigger_source, request.role.value)
        if move in CONSULT_ACTIONS:
            return cls(move, about or request.member, request.member)
        return cls(move or request.action.value, about or request.member)


@dataclass(frozen=True)
class HistoryFilter:
    since: date | None = None  # the first day shown, local time
    until: date | None = None  # the last day shown, local time
    # Part of the target or of your number, in any case. Text made only of digits and
    # phone punctuation is compared by its digits: "415 222" finds +14152225555.
    address: str = ""
    outcome: Outcome | None = None


class HistoryStore:
    """The history file, opened on first use. One instance per thread."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._connection: sqlite3.Connection | None = None

    # -- writing ---------------------------------------------------------------

    def open(self) -> None:
        """Open (and if need be create or update) the file now, so the next write costs only itself."""
        with _plain_errors(self.path, translatable("The history could not be opened.")):
            self._connect()

    def append_sent(self, sent: ActionRequest | Audit, at: datetime | None = None) -> int:
        """Record an action before its request goes out, as sent with no answer: its row id."""
        audit = sent if isinstance(sent, Audit) else Audit.of(sent)
        row = (*_audit_values(audit, at or datetime.now().astimezone()), *_NO_ANSWER, False)
        with _plain_errors(self.path, translatable("The action could not be added to the history.")):
            return self._connect().execute(_INSERT, row).lastrowid  # type: ignore[return-value]

    def complete(self, row_id: int, result: ActionResult) -> None:
        """Record the answer in the row append_sent() wrote: one UPDATE."""
        with _plain_errors(self.path, translatable("The answer could not be added to the history.")):
            updated = self._connect().execute(_COMPLETE, (*_answer_values(result), row_id)).rowcount
        if updated != 1:
            raise HistoryError(
                translatable("The answer could not be added to the history."),
                translatable("The action's row is no longer waiting for an answer in the history file."),
                f"{self.path}: row {row_id} not found unanswered",
            )

    def append(self, result: ActionResult, at: datetime | None = None, audit: Audit | None = None) -> int | None:
        """Record one result whole: its row id, or None for a result without a request (not recorded)."""
        row = _row(result, at or datetime.now().astimezone(), audit)
        if row is None:
            return None
        with _plain_errors(self.path, translatable("The action could not be added to the history.")):
            return self._connect().execute(_INSERT, row).lastrowid

    def append_many(self, results: Iterable[tuple[ActionResult, datetime]]) -> int:
        """Record many results in one transaction (tests, benchmarks): how many were recorded."""
        rows = [row for result, at in results if (row := _row(result, at)) is not None]
        with _plain_errors(self.path, translatable("The actions could not be added to the history.")):
            connection = self._connect()
            with _transaction(connection):
                connection.executemany(_INSERT, rows)
        return len(rows)

    # -- reading ---------------------------------------------------------------

    def count(self, flt: HistoryFilter = HistoryFilter()) -> int:
        where, params = _where(flt)
        with _plain_errors(self.path, translatable("The history could not be read.")):
            return self._connect().execute(f"SELECT count(*) FROM history WHERE {where}", params).fetchone()[0]

    def page(self, flt: HistoryFilter, before_id: int | None, limit: int) -> list[HistoryRecord]:
        """Up to `limit` matching records older than `before_id` (None: from the newest), newest first."""
        where, params = _where(flt)
        if before_id is not None:
            where += " AND id < ?"
            params.append(before_id)
        sql = f"SELECT {', '.join(RECORD_COLUMNS)} FROM history WHERE {where} ORDER BY id DESC LIMIT ?"
        with _plain_errors(self.path, translatable("The history could not be read.")):
            return [_record(row) for row in self._connect().execute(sql, [*params, limit])]

    def recent_targets(self, limit: int = 50) -> list[str]:
        """Whom node actions went to, each once, the most recently used first."""
        placeholders = ", ".join("?" * len(NODE_ACTIONS))
        # Newest first, stopping at `limit` distinct ones: agents call the same few people,
        # so this reads a few hundred rows where GROUP BY would read them all. The rows are
        # walked in id order ("+action" keeps SQLite from sorting them all first).
        sql = f"SELECT target FROM history WHERE +action IN ({placeholders}) ORDER BY id DESC"
        targets: dict[str, None] = {}  # an ordered set
        with _plain_errors(self.path, translatable("The history could not be read.")):
            for (target,) in self._connect().execute(sql, NODE_ACTIONS):
                targets.setdefault(target)
                if len(targets) >= limit:
                    break
        return list(targets)

    def export_csv(self, flt: HistoryFilter, path: Path) -> int:
        """Write every matching record, newest first, under a header row: how many were written.

        Written to a temporary file beside `path`, then moved into place, so an
        existing file is either replaced whole or left as it was. UTF-8 with a
        byte-order mark, which spreadsheet programs need to read it as UTF-8.
        The values are the stored ones (times in ISO 8601, outcomes as codes,
        answered as 1 or 0), except that a text cell a spreadsheet would evaluate
        as a formula (one starting with =, +, -, @) gets a leading apostrophe.
        Server text can start so; so does every E.164 number (+14152225555
        becomes '+14152225555): the usual trade-off, since a spreadsheet would
        otherwise turn a number into a sum or drop its plus sign.
        """
        import csv  # with tempfile, only an export needs them: not loaded at start-up
        import tempfile

        path = Path(path)
        where, params = _where(flt)
        sql = f"SELECT {', '.join(RECORD_COLUMNS)} FROM history WHERE {where} ORDER BY id DESC"
        written, temporary = 0, None
        with _plain_errors(self.path, translatable("The history could not be exported to that file.")):
            try:
                with tempfile.NamedTemporaryFile(
                    "w", encoding="utf-8-sig", newline="", dir=path.parent,
                    prefix=f".{path.name}.", suffix=".tmp", delete=False,
                ) as handle:
                    temporary = handle.name
                    writer = csv.writer(handle)
                    writer.writerow(RECORD_COLUMNS)
                    for row in self._connect().execute(sql, params):
                        writer.writerow([spreadsheet_safe(cell) for cell in row])  # None: an empty cell
                        written += 1
                os.replace(temporary, path)
                temporary = None
            finally:
                if temporary is not None:
                    os.unlink(temporary)
        return written

    def close(self) -> None:
        """Close the connection; the next call opens it again."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    # -- the connection --------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit (isolation_level=None): each append is its own durable transaction.
            connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            try:
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=FULL")
                _migrate(connection)
            except BaseException:
                connection.close()
                raise
            self._connection = connection
        return self._connection


class _NewerSchema(sqlite3.DatabaseError):
    pass


def _migrate(connection: sqlite3.Connection) -> None:
    """Create the schema in a new file, update an older one in place; refuse a newer one."""
    if _schema_version(connection) == SCHEMA_VERSION:
        return
    with _transaction(connection):
        # Read under the write lock: another process may have just created or updated it.
        version = _schema_version(connection)
        for statements in _MIGRATIONS[version:]:
            for statement in statements:
                connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _schema_version(connection: sqlite3.Connection) -> int:
    version: int = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise _NewerSchema(f"schema version {version}; this version knows up to {SCHEMA_VERSION}")
    return version


@contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE (the write lock, now) ... COMMIT, or ROLLBACK on any error."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


@contextmanager
def _plain_errors(path: Path, doing: str) -> Iterator[None]:
    """Turn sqlite3 and OS errors into a HistoryError that says what to do."""
    try:
        yield
    except (sqlite3.Error, OSError) as error:
        raise HistoryError(doing, _reason(error), f"{path}: {error}") from error


def _reason(error: sqlite3.Error | OSError) -> str:
    if isinstance(error, OSError):
        return translatable("The file or its folder cannot be written: check the permissions and the free disk space.")
    if isinstance(error, _NewerSchema):
        return translatable("The history file was written by a newer version of PHLO Desk.")
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF  # the primary code of an extended one
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return translatable("The history file is in use by another program; try again in a moment.")
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return translatable(
            "The history file is damaged. PHLO Desk leaves it as it is: move it away to start "
            "a new history (the log file says where it is)."
        )
    if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_AUTH):
        return translatable("The history file cannot be opened for writing: check its permissions.")
    if code == sqlite3.SQLITE_FULL:
        return translatable("The disk is full.")
    if code == sqlite3.SQLITE_IOERR:
        return translatable("The disk reported an error.")
    return translatable("SQLite reported an unexpected error.")


def _row(result: ActionResult, at: datetime, audit: Audit | None = None) -> tuple[object, ...] | None:
    """The values for _INSERT of a whole row, or None for a result without a request."""
    if result.request is None:
        return None
    return (*_audit_values(audit or Audit.of(result.request), at), *_answer_values(result), True)


def _audit_values(audit: Audit, at: datetime) -> tuple[object, ...]:
    """The columns of _INSERT that say what was asked, of whom, and when."""
    at = at.astimezone()  # a naive time is taken as local time
    addresses = (audit.target, audit.trigger_source)
    return (
        at.isoformat(timespec="milliseconds"), at.timestamp(), audit.action, audit.target,
        audit.trigger_source, audit.role,
        _SEPARATOR.join(address.lower() for address in addresses),
        _SEPARATOR.join(digits(address) for address in addresses),
    )


def _answer_values(result: ActionResult) -> tuple[object, ...]:
    """The columns of _INSERT and _COMPLETE that say what came of it, in the order of _NO_ANSWER."""
    return result.outcome.value, result.status, result.api_id, result.message, result.detail, result.elapsed_ms


def _record(row: tuple) -> HistoryRecord:  # type: ignore[type-arg]
    values = dict(zip(RECORD_COLUMNS, row, strict=True))
    values["at"] = datetime.fromisoformat(values["at"]).astimezone()
    values["outcome"] = Outcome(values["outcome"])
    values["answered"] = bool(values["answered"])
    return HistoryRecord(**values)


def _where(flt: HistoryFilter) -> tuple[str, list[object]]:
    """The filter as an SQL condition (never empty) and its parameters."""
    conditions, params = ["1"], []
    if flt.since is not None:
        conditions.append("at_epoch >= ?")
        params.append(_local_midnight(flt.since))
    if flt.until is not None:
        conditions.append("at_epoch < ?")
        params.append(_local_midnight(flt.until + timedelta(days=1)))
    address = flt.address.strip()
    if looks_like_number(address):
        # By digits alone: that also finds every address the typed text is a plain part of.
        conditions.append("instr(search_digits, ?) > 0")
        params.append(digits(address))
    elif address:
        conditions.append("instr(search_text, ?) > 0")
        params.append(address.lower())
    if flt.outcome is not None:
        conditions.append("outcome = ?")
        params.append(flt.outcome.value)
    return " AND ".join(conditions), params


def _local_midnight(day: date) -> float:
    return datetime.combine(day, time.min).astimezone().timestamp()
