"""Reading the directory's sources: IT's list (a CSV or JSON file or URL) and the
agent's own entries, and merging them with the Plivo account's SIP endpoints.

Nothing here raises on bad data. IT's list is read row by row: a bad row is skipped
and reported with its line (CSV) or item number (JSON, counted from 1); a list that
cannot be read at all gives no entries and one problem. A list named by a URL is
fetched with a conditional GET and kept in a cache folder, so the desk still has it
when the server is down; the cache and the own-entries file are only ever replaced
whole (a temporary file, then os.replace), so a crash never leaves half of one.

Every problem is a marked sentence (`say`), which the window translates.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import os
import re
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from phlo_desk.core.addresses import DEFAULT_REGION, AddressError, parse_address
from phlo_desk.core.directory import SOURCE_LIST, SOURCE_OWN, SOURCE_PLIVO, Entry, clean_name
from phlo_desk.core.errors import InvalidInput, PhloError
from phlo_desk.core.settings import directory_url_problem, is_loopback_host
from phlo_desk.core.text import server_text
from phlo_desk.core.translatable import Phrase, marked, say, translatable

Kind = Literal["csv", "json"]

# A directory of 10,000 people is about 1 MB; this leaves room without reading a
# wrong file or an endless answer into memory.
LIST_SIZE_LIMIT = 16 * 1024 * 1024
LIST_SIZE_LIMIT_TEXT = "16 MiB"
# Row problems kept per read; the rest are counted. A list of 10,000 bad rows
# is one mistake (a wrong column, a wrong file), not 10,000 things to read.
MAX_ROW_PROBLEMS = 50
# Far more people than a contact centre transfers to; 300,000 rows took 27 s and 0.5 GB
# to read and index. The rest of a longer list is left out, and the list says so.
MAX_ENTRIES = 50_000
NAME_LIMIT = 200  # characters of a name or team kept
NOTES_LIMIT = 500
CONNECT_TIMEOUT_S = 5.0

# Header names are compared in lower case with every space removed.
_COLUMNS = {"name": "name", "address": "address", "team": "team", "notes": "notes",
            "favourite": "favourite", "favorite": "favourite"}
_REQUIRED = ("name", "address")
_TRUE = frozenset({"yes", "true", "1", "x", "★"})
_DELIMITERS = (",", ";", "\t")
_EXCEL_SEPARATOR_LINE = re.compile(r"sep=(.)\s*", re.IGNORECASE)  # Excel's "sep=;" first line
_QUOTED = re.compile(r'"[^"]*"')
_CACHE_MAGIC = b"phlo-desk directory cache 1\n"
# The order merged entries come in: the agent's own, then IT's, then Plivo's.
_SOURCE_ORDER = {SOURCE_OWN: 0, SOURCE_LIST: 1, SOURCE_PLIVO: 2}


@dataclass(frozen=True)
class ListRead:
    """What reading IT's list gave."""

    entries: tuple[Entry, ...] = ()
    problems: tuple[str, ...] = ()  # marked sentences: rows skipped, the list not refreshed
    # The entries are the saved copy's: the source said it is unchanged (304) or could not be read.
    from_cache: bool = False
    checked_at: datetime | None = None  # when the source last confirmed these entries (UTC)
    changed: bool = True  # False when these entries are the saved copy's, unchanged


class _Unreadable(Exception):
    """The list cannot be read at all; args[0] is why, a short marked phrase."""

    @property
    def why(self) -> Phrase:
        return marked(self.args[0])


# -- parsing IT's list -----------------------------------------------------------------


def parse_list(data: bytes, kind: Kind, region: str = DEFAULT_REGION) -> ListRead:
    """The entries in a CSV or JSON list and a problem for each row skipped; a list that
    cannot be read at all gives no entries and one problem."""
    try:
        return _parse(data, kind, region)
    except _Unreadable as unreadable:
        return ListRead(problems=(say("The directory list could not be read: {why}.", why=unreadable.why),))


def list_kind(name: str, content_type: str = "", data: bytes = b"") -> Kind:
    """Whether a list is CSV or JSON: from its file name or URL path, then the server's
    Content-Type, then its first character."""
    suffix = Path(urlsplit(name).path if "://" in name else name).suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    if suffix == ".json":
        return "json"
    media = content_type.split(";", 1)[0].strip().lower()
    if media == "application/json" or media.endswith("+json"):
        return "json"
    if media in ("text/csv", "application/csv", "text/tab-separated-values"):
        return "csv"
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    return "json" if head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] in (b"[", b"{") else "csv"


# Lists are read again every refresh and on every fallback to the cache: the same bytes
# give the same entries, and parsing 10,000 phone numbers takes over a second.
@functools.lru_cache(maxsize=2)
def _parse(data: bytes, kind: Kind, region: str) -> ListRead:
    """parse_list, raising _Unreadable for a list that cannot be read at all."""
    text = _decode(data)
    if not text.strip():
        raise _Unreadable(say("it is empty"))
    rows = _csv_rows(text) if kind == "csv" else _json_rows(text)
    return _entries(rows, region)


def _decode(data: bytes) -> str:
    """UTF-8 with or without its BOM, or UTF-16 with its BOM (Excel's "Unicode text")."""
    try:
        text = data.decode("utf-16") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Unreadable(say("it is not UTF-8 text (in Excel, save it as CSV UTF-8)")) from None
    if "\x00" in text:  # UTF-16 without its BOM, or not text at all
        raise _Unreadable(say("it is not UTF-8 text (in Excel, save it as CSV UTF-8)"))
    return text


# A row as read: where it is (a marked phrase), and its values by column.
_Row = tuple[Phrase, dict[str, object]]


def _csv_rows(text: str) -> Iterator[_Row]:
    first_line = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    separator_line = _EXCEL_SEPARATOR_LINE.fullmatch(first_line)
    delimiter = separator_line[1] if separator_line else _delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    if separator_line:
        next(reader)
    try:
        columns = _header(reader)
    except csv.Error:  # a header cell past csv's size limit: not a directory list
        raise _Unreadable(say("its first line is not a header row")) from None
    while True:
        first = reader.line_num + 1
        try:
            cells = next(reader, None)
        except csv.Error:  # a quote opened and never closed, in a field past csv's size limit
            yield (say("Line {line}", line=first), {"": say("a quoted field is not closed; the rest of the "
                                                             "file was not read")})
            return
        if cells is None:
            return
        if not any(cell.strip() for cell in cells):
            continue  # a blank line
        last = reader.line_num
        where = say("Line {line}", line=first) if last == first else say("Lines {first}-{last}", first=first,
                                                                              last=last)
        yield where, {column: cells[i] for i, column in columns.items() if i < len(cells)}


def _delimiter(header: str) -> str:
    """The delimiter Excel or LibreOffice wrote: the one the header line holds most of."""
    unquoted = _QUOTED.sub("", header)
    counts = {delimiter: unquoted.count(delimiter) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])  # ties go to the comma, listed first
    return best if counts[best] else ","


def _header(reader: Iterator[list[str]]) -> dict[int, str]:
    """Column index -> field name from the first non-blank row; refuses a list without the
    required columns."""
    for cells in reader:
        if any(cell.strip() for cell in cells):
            break
    else:
        raise _Unreadable(say("it has no header row"))
    columns: dict[int, str] = {}
    for index, cell in enumerate(cells):
        column = _COLUMNS.get(_column_key(cell))
        if column and column not in columns.values():
            columns[index] = column
    for required in _REQUIRED:
        if required not in columns.values():
            raise _Unreadable(say("its header row has no \u201c{column}\u201d column", column=required))
    return columns


def _column_key(name: str) -> str:
    return "".join(name.split()).lower()


def _json_rows(text: str) -> Iterator[_Row]:
    try:
        items = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: nested deeper than Python's stack
        raise _Unreadable(say("it is not valid JSON")) from None
    if not isinstance(items, list):
        raise _Unreadable(say("it is not a JSON list of entries"))
    return _json_items(items)


def _json_items(items: list[object]) -> Iterator[_Row]:
    for number, item in enumerate(items, start=1):
        where = say("Item {number}", number=number)
        if not isinstance(item, dict):
            yield where, {"": say("it is not an object with a name and an address")}
            continue
        values: dict[str, object] = {}
        for key, value in item.items():
            column = _COLUMNS.get(_column_key(str(key)))
            if column and column not in values:
                values[column] = value
        yield where, values


def _entries(rows: Iterable[_Row], region: str) -> ListRead:
    entries: list[Entry] = []
    problems: list[str] = []
    skipped = 0
    first_seen: dict[str, Phrase] = {}
    for where, values in rows:
        if len(entries) >= MAX_ENTRIES:
            problems.append(say("Only the first {count} entries are used.", count=MAX_ENTRIES))
            break
        try:
            entry = _entry(values, region)
            if entry.key in first_seen:
                raise _BadRow(say("the same name and address as an earlier row ({other})", other=first_seen[entry.key]))
        except _BadRow as bad:
            skipped += 1
            if len(problems) < MAX_ROW_PROBLEMS:
                problems.append(bad.problem(where))
            continue
        first_seen[entry.key] = where
        entries.append(entry)
    if skipped > len(problems):
        problems.append(say("More rows were skipped: {count}.", count=skipped - len(problems)))
    return ListRead(tuple(entries), tuple(problems))


class _BadRow(Exception):
    """A row that cannot be an entry: why (a marked phrase), or the address parser's sentence."""

    def __init__(self, why: str, *, address_reason: str = "") -> None:
        super().__init__(why)
        self.why, self.address_reason = marked(why), marked(address_reason)

    def problem(self, where: Phrase) -> Phrase:
        if self.address_reason:
            return say("{where}: the address is not usable. {reason}", where=where, reason=self.address_reason)
        return say("{where}: {why}.", where=where, why=self.why)


def _entry(values: dict[str, object], region: str) -> Entry:
    if "" in values:  # the row itself is broken; the reader said why
        raise _BadRow(values[""])
    name = clean_name(_text(values, "name", NAME_LIMIT))
    address_text = _text(values, "address", NAME_LIMIT, numbers=True)
    if not name:
        raise _BadRow(say("the name is missing"))
    if not address_text:
        raise _BadRow(say("the address is missing"))
    try:
        address = parse_address(address_text, region).wire
    except AddressError as err:
        raise _BadRow(say("the address is not usable"), address_reason=str(err)) from None
    return Entry(name=name, address=address, team=clean_name(_text(values, "team", NAME_LIMIT)),
                 notes=_text(values, "notes", NOTES_LIMIT), favourite=_is_true(values.get("favourite")),
                 source=SOURCE_LIST, key=f"{address}|{name}")


def _text(values: dict[str, object], column: str, limit: int, *, numbers: bool = False) -> str:
    value = values.get(column)
    if value is None:
        return ""
    if numbers and isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # a JSON list may hold a number as a number
    if not isinstance(value, str):
        raise _BadRow(say("\u201c{column}\u201d is not text", column=column))
    return server_text(value, limit)


def _is_true(value: object) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in _TRUE if value is not None else False


# -- reading the `directory` setting: a file or a URL, with a cache --------------------


def read_list(setting: str, cache_folder: Path, region: str = DEFAULT_REGION, *,
              timeout_s: float = 10.0) -> ListRead:
    """IT's list as the `directory` setting names it: a local file (~ allowed) or an https
    URL (plain http only to this computer). When it cannot be read now, the last copy
    read is used, with a problem saying so and how old it is. Never raises."""
    value = setting.strip()
    if not value:
        return ListRead()
    if re.match(r"(?i)https?://", value):
        problem = directory_url_problem(value)
        if problem:
            return ListRead(problems=(problem,))
        return _read_through_cache(_Cache(cache_folder, value), lambda cached: _fetch(value, cached, timeout_s),
                                   region)
    path = Path(value).expanduser()
    return _read_through_cache(_Cache(cache_folder, str(path.absolute())), lambda cached: _read_file(path), region)


@dataclass(frozen=True)
class _Copy:
    """A list's bytes and what is known about them."""

    body: bytes
    kind: Kind
    checked_at: datetime
    etag: str = ""
    last_modified: str = ""


@dataclass(frozen=True)
class _Unchanged:
    """The source says the saved copy is still current (HTTP 304)."""


# What fetching gives: a new copy, "unchanged", or why it failed (a marked phrase).
_Fetched = _Copy | _Unchanged | Phrase


def _read_through_cache(cache: _Cache, fetch: Callable[[_Copy | None], _Fetched], region: str) -> ListRead:
    cached = cache.load()
    fetched = fetch(cached)
    if isinstance(fetched, _Unchanged) and cached is not None:
        cached = replace(cached, checked_at=_now())
        cache.store(cached)
        read = parse_list(cached.body, cached.kind, region)
        return replace(read, from_cache=True, checked_at=cached.checked_at, changed=False)
    if isinstance(fetched, _Unchanged):
        fetched = say("the server said the list is unchanged, but no copy is saved")
    if isinstance(fetched, _Copy):
        try:
            read = _parse(fetched.body, fetched.kind, region)
        except _Unreadable as unreadable:
            fetched = unreadable.why
        else:
            changed = cached is None or cached.body != fetched.body
            cache.store(fetched)
            return replace(read, checked_at=fetched.checked_at, changed=changed)
    why = fetched
    if cached is None:
        return ListRead(problems=(say("The directory list could not be read: {why}.", why=why),))
    read = parse_list(cached.body, cached.kind, region)
    stale = say("The directory list could not be refreshed ({why}): showing the copy from {when}.",
                why=why, when=cached.checked_at.astimezone().strftime("%Y-%m-%d %H:%M"))
    return replace(read, problems=(stale, *read.problems), from_cache=True, checked_at=cached.checked_at,
                   changed=False)


def _fetch(url: str, cached: _Copy | None, timeout_s: float) -> _Fetched:
    """One conditional GET, under the Transport's total deadline and with no retries."""
    from phlo_desk.core.client import USER_AGENT
    from phlo_desk.core.transport import Transport

    headers = {"User-Agent": USER_AGENT, "Accept": "text/csv, application/json;q=0.9, */*;q=0.5"}
    if cached is not None and cached.etag:
        headers["If-None-Match"] = cached.etag
    if cached is not None and cached.last_modified:
        headers["If-Modified-Since"] = cached.last_modified
    transport = Transport(None, headers, loopback=is_loopback_host(urlsplit(url).hostname or ""),
                          connect_timeout=min(CONNECT_TIMEOUT_S, timeout_s), total_timeout=timeout_s,
                          body_limit=LIST_SIZE_LIMIT)
    try:
        answer, _elapsed_ms = transport.send("GET", url, None, side_effects=False)
    except PhloError as err:
        return marked(err.detail or err.advice)
    finally:
        transport.close()
    if answer.status == 304:
        return _Unchanged()
    if 300 <= answer.status < 400:  # the Transport follows no redirect
        return say("the server sends it from another address ({status}): put that address in the "
                   "directory setting", status=answer.status)
    if answer.status != 200:
        return say("the server answered {status}", status=answer.status)
    if answer.body is None:
        return say("it is larger than {limit}", limit=LIST_SIZE_LIMIT_TEXT)
    kind = list_kind(url, answer.headers.get("content-type", ""), answer.body)
    return _Copy(answer.body, kind, _now(), answer.headers.get("etag", ""), answer.headers.get("last-modified", ""))


def _read_file(path: Path) -> _Fetched:
    try:
        with path.open("rb") as file:
            body = file.read(LIST_SIZE_LIMIT + 1)
    except FileNotFoundError:
        return say("the file {path} does not exist", path=path)
    except OSError as err:
        return say("the file {path} could not be opened ({why})", path=path,
                   why=err.strerror or say("unknown error"))
    if len(body) > LIST_SIZE_LIMIT:
        return say("it is larger than {limit}", limit=LIST_SIZE_LIMIT_TEXT)
    return _Copy(body, list_kind(path.name, data=body), _now())


class _Cache:
    """The last copy of one source that could be read, in one file: a header line of
    JSON (validators, when it was checked), then the body as it came."""

    def __init__(self, folder: Path, source: str) -> None:
        self.source = source
        digest = hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]
        self.path = folder / f"directory-{digest}.cache"

    def load(self) -> _Copy | None:
        """The saved copy, or None when there is none or it is not whole (then it is not used)."""
        try:
            data = self.path.read_bytes()
            if not data.startswith(_CACHE_MAGIC):
                return None
            header, _, body = data[len(_CACHE_MAGIC):].partition(b"\n")
            meta = json.loads(header)
            if meta["source"] != self.source or meta["length"] != len(body) or meta["kind"] not in ("csv", "json"):
                return None
            return _Copy(body, meta["kind"], datetime.fromisoformat(meta["checked_at"]), meta["etag"],
                         meta["last_modified"])
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            return None

    def store(self, copy: _Copy) -> None:
        meta = {"source": self.source, "kind": copy.kind, "checked_at": copy.checked_at.isoformat(),
                "etag": copy.etag, "last_modified": copy.last_modified, "length": len(copy.body)}
        header = json.dumps(meta, ensure_ascii=True).encode("ascii") + b"\n"
        try:
            _write_whole(self.path, _CACHE_MAGIC + header + copy.body)
        except OSError:
            pass  # no cache this time (a full disk, a read-only folder): the list itself was read


def _write_whole(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step: a crash leaves the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _now() -> datetime:
    return datetime.now(UTC)


# -- the agent's own entries and stars ------------------------------------------------


class OwnEntries:
    """The agent's own directory entries and stars, in a JSON file of their own.

    The file is read again before each change, so two windows do not undo each other's
    edits, and created on the first change. A file that cannot be read is renamed to
    *.damaged, never deleted, and what could be recovered from it is written anew;
    `problems` says so until the next read.
    """

    VERSION = 1

    def __init__(self, path: Path, region: str = DEFAULT_REGION) -> None:
        self.path = path
        self.region = region
        self.problems: tuple[str, ...] = ()
        self._lock = threading.Lock()

    def load(self) -> tuple[Entry, ...]:
        return self.read()[0]

    def read(self) -> tuple[tuple[Entry, ...], frozenset[str]]:
        """The entries and the stars, in one read: `problems` then says what it found."""
        with self._lock:
            return self._read()

    def starred(self) -> frozenset[str]:
        """The wire addresses the agent starred, in any source."""
        with self._lock:
            _entries, starred = self._read()
        return starred

    def add(self, name: str, address: str, team: str = "", notes: str = "") -> Entry:
        """A new entry; raises InvalidInput (with a marked sentence) for a missing name or a bad address."""
        entry = self._checked(Entry(name=name, address=address, team=team, notes=notes, source=SOURCE_OWN,
                                    key=uuid.uuid4().hex))
        with self._lock:
            entries, starred = self._read()
            self._write((*entries, entry), starred)
        return entry

    def update(self, key: str, *, name: str | None = None, address: str | None = None, team: str | None = None,
               notes: str | None = None) -> Entry:
        """The entry `key` with the fields given changed; raises InvalidInput for bad input or an entry gone."""
        with self._lock:
            entries, starred = self._read()
            old = next((entry for entry in entries if entry.key == key), None)
            if old is None:
                raise InvalidInput("entry", advice=translatable("This directory entry no longer exists."))
            changes = {"name": name, "address": address, "team": team, "notes": notes}
            new = self._checked(replace(old, **{field: value for field, value in changes.items()
                                                if value is not None}))
            self._write(tuple(new if entry.key == key else entry for entry in entries), starred)
        return new

    def remove(self, key: str) -> bool:
        """Remove the entry `key`; whether there was one."""
        with self._lock:
            entries, starred = self._read()
            kept = tuple(entry for entry in entries if entry.key != key)
            if len(kept) == len(entries):
                return False
            self._write(kept, starred)
        return True

    def star(self, address: str, on: bool) -> None:
        """Star or unstar an address (of an entry from any source)."""
        try:
            wire = parse_address(address, self.region).wire
        except AddressError as err:
            raise InvalidInput("address", advice=marked(str(err))) from None
        with self._lock:
            entries, starred = self._read()
            wanted = starred | {wire} if on else starred - {wire}
            if wanted != starred:
                self._write(entries, wanted)

    def _checked(self, entry: Entry) -> Entry:
        """`entry` with its text cleaned and its address in wire form; raises InvalidInput."""
        name = clean_name(server_text(entry.name, NAME_LIMIT))
        if not name:
            raise InvalidInput("name", advice=translatable("Enter a name for the directory entry."))
        try:
            address = parse_address(entry.address, self.region).wire
        except AddressError as err:
            raise InvalidInput("address", advice=marked(str(err))) from None
        return replace(entry, name=name, address=address, team=clean_name(server_text(entry.team, NAME_LIMIT)),
                       notes=server_text(entry.notes, NOTES_LIMIT), favourite=False)

    def _read(self) -> tuple[tuple[Entry, ...], frozenset[str]]:
        self.problems = ()
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return (), frozenset()
        except OSError as err:
            self.problems = (say("Your own directory entries could not be read from {path} ({why}).",
                                 path=self.path, why=err.strerror or say("unknown error")),)
            return (), frozenset()
        entries, starred, damaged = self._recovered(data)
        if damaged:
            self._set_aside(entries, starred)
        return entries, starred

    def _recovered(self, data: bytes) -> tuple[tuple[Entry, ...], frozenset[str], bool]:
        """The valid entries and stars in the file's bytes, and whether anything was not valid."""
        try:
            document = json.loads(data.decode("utf-8"))
        except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
            return (), frozenset(), True
        if not isinstance(document, dict):
            return (), frozenset(), True
        items, stars = document.get("entries", []), document.get("starred", [])
        damaged = not isinstance(items, list) or not isinstance(stars, list)
        entries: list[Entry] = []
        for item in items if isinstance(items, list) else ():
            try:
                entry = Entry(name=item["name"], address=item["address"], team=item.get("team", ""),
                              notes=item.get("notes", ""), source=SOURCE_OWN, key=item["key"])
                if not isinstance(entry.key, str) or not entry.key or any(not isinstance(value, str) for value in (
                        entry.name, entry.address, entry.team, entry.notes)):
                    raise TypeError
                entries.append(self._checked(entry))
            except (KeyError, TypeError, AttributeError, InvalidInput):
                damaged = True
        starred = set()
        for star in stars if isinstance(stars, list) else ():
            try:
                starred.add(parse_address(star, self.region).wire)
            except (AddressError, TypeError, AttributeError):
                damaged = True
        return tuple(entries), frozenset(starred), damaged

    def _set_aside(self, entries: tuple[Entry, ...], starred: frozenset[str]) -> None:
        """Rename the damaged file (never over an earlier one) and write what was recovered."""
        aside = self.path.with_name(self.path.name + ".damaged")
        number = 1
        while aside.exists():
            number += 1
            aside = self.path.with_name(f"{self.path.name}.{number}.damaged")
        try:
            os.replace(self.path, aside)
            if entries or starred:
                self._write(entries, starred)
        except OSError as err:
            self.problems = (say("Your own directory entries file {path} is damaged and could not be set aside "
                                 "({why}).", path=self.path, why=err.strerror or say("unknown error")),)
            return
        self.problems = (say("Your own directory entries file was damaged: it was kept as {aside}, and "
                             "{count} entries were recovered from it.", aside=aside, count=len(entries)),)

    def _write(self, entries: Iterable[Entry], starred: frozenset[str]) -> None:
        document = {
            "version": self.VERSION,
            "entries": [{"key": e.key, "name": e.name, "address": e.address, "team": e.team, "notes": e.notes}
                        for e in entries],
            "starred": sorted(starred),
        }
        _write_whole(self.path, (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


# -- merging ------------------------------------------------------------------------------


def merge(lists: Iterable[Iterable[Entry]], starred: frozenset[str]) -> tuple[Entry, ...]:
    """All entries in one sequence: the agent's own first, then IT's list, then Plivo's
    (each source's own order kept), with favourite set on every starred address. An
    address in several sources stays in each: every entry shows where it came from."""
    entries = sorted((entry for source in lists for entry in source),
                     key=lambda entry: _SOURCE_ORDER.get(entry.source, len(_SOURCE_ORDER)))
    return tuple(replace(entry, favourite=True) if entry.address in starred and not entry.favourite else entry
                 for entry in entries)
