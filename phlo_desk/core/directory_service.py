"""The transfer directory as one service: its three sources read, merged and kept.

Used on the window's bulk thread (never the action thread: a slow list server must
not delay a transfer) and, synchronously, by phlo-desk-cli. Every method answers and
never raises; problems are marked sentences, which the window translates.

- IT's list: fetched at each `read(refresh=True)` (the window does so at start and every
  15 minutes), through the cache in core/directory_sources.py.
- The agent's own entries and stars: a JSON file beside the history.
- The Plivo account's SIP endpoints, when IT switched them on: listed a page at a time
  within the desk's read budget (core/endpoints.py), and kept in the cache folder, so
  the next start and the command line have them without a read.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from phlo_desk.core.directory import SOURCES, Directory, Entry
from phlo_desk.core.errors import PhloError
from phlo_desk.core.translatable import say

if TYPE_CHECKING:
    from phlo_desk.core.endpoints import EndpointListing, EndpointReader, ReadBudget
    from phlo_desk.core.settings import Profile

log = logging.getLogger(__name__)

ENDPOINTS_CACHE = "endpoints.json"
# Under the 5 s the window waits for the bulk thread at quit: a list server that hangs
# must not keep the desk from closing. The cached copy covers a slow one.
LIST_TIMEOUT_S = 4.0


@dataclass(frozen=True)
class DirectoryRead:
    """The directory as read now, and what to say about its sources."""

    entries: tuple[Entry, ...] = ()
    counts: Mapping[str, int] = field(default_factory=dict)  # source -> entries
    problems: tuple[str, ...] = ()
    list_checked_at: datetime | None = None  # when IT's list last confirmed its entries (UTC)
    list_from_cache: bool = False
    endpoints_on: bool = False
    presence: Mapping[str, bool | None] = field(default_factory=dict)  # endpoint_id -> registered, as last listed
    # The entries indexed for search, built here on the bulk thread (10,000 entries: ~0.3 s);
    # the window adds the recent targets with Directory.with_recent(), which is cheap.
    directory: Directory = field(default_factory=lambda: Directory(()))


@dataclass(frozen=True)
class EntrySaved:
    """The answer to a change of the agent's own entries or stars."""

    read: DirectoryRead
    problem: str = ""  # why nothing was changed, when something was refused


@dataclass(frozen=True)
class EndpointsStep:
    """One step of listing the account's endpoints."""

    read: DirectoryRead | None  # the directory with the endpoints so far; None when nothing new
    wait_s: float | None  # seconds before the next step may read; None: listing is done
    problem: str = ""


@dataclass(frozen=True)
class Presence:
    endpoint_id: str
    registered: bool | None  # None: not known now
    wait_s: float = 0.0  # >0: the budget had no room; ask again after this
    problem: str = ""


class DirectoryService:
    def __init__(self, own_path: Path | None, cache_folder: Path,
                 read_budget: Callable[[], ReadBudget] | None = None) -> None:
        """`read_budget` makes the endpoint reads' budget (tests give one without the jittered start)."""
        from phlo_desk.core.directory_sources import OwnEntries

        self.cache_folder = cache_folder
        self._read_budget = read_budget
        self._own = OwnEntries(own_path) if own_path is not None else None
        self._profile: Profile | None = None
        self._token: str | None = None
        self._list = None  # the last ListRead of IT's list
        self._endpoints: list[tuple[Entry, bool | None]] = []  # as last listed, with their registration
        self._reader: EndpointReader | None = None
        self._listing: EndpointListing | None = None
        self._refused = ""  # Plivo refused the credentials: why, until the settings change
        self._closing = False  # the desk is quitting: no new reads

    def configure(self, profile: Profile, token: str | None = None) -> None:
        """Use these settings from now on; token None reads the keyring when the endpoints need it."""
        changed_list = self._profile is None or (profile.directory, profile.default_region) != (
            self._profile.directory, self._profile.default_region)
        changed_account = self._profile is None or (profile.api_base, profile.auth_id) != (
            self._profile.api_base, self._profile.auth_id) or token != self._token
        self._profile, self._token = profile, token
        if self._own is not None:
            self._own.region = profile.default_region
        if changed_list:
            self._list = None
        if changed_account or not profile.is_on("directory_endpoints"):
            self._close_reader()
            self._refused = ""
        if changed_account:
            self._endpoints = self._cached_endpoints(profile.auth_id)

    # -- reading ------------------------------------------------------------------------

    def read(self, refresh: bool = True) -> DirectoryRead:
        """The merged directory; `refresh` asks IT's list again (conditionally, for a URL)."""
        from phlo_desk.core.directory_sources import read_list

        profile = self._profile
        if profile is None:
            return DirectoryRead()
        if (refresh and not self._closing) or self._list is None:
            self._list = read_list(profile.directory, self.cache_folder, profile.default_region,
                                   timeout_s=LIST_TIMEOUT_S)
        return self._merged()

    def _merged(self) -> DirectoryRead:
        from phlo_desk.core.directory_sources import ListRead, merge

        profile = self._profile
        listed = self._list or ListRead()
        own, starred, own_problems = (), frozenset(), ()
        if self._own is not None:
            own, starred = self._own.read()
            own_problems = self._own.problems
        endpoints_on = profile is not None and profile.is_on("directory_endpoints")
        plivo = tuple(entry for entry, _registered in self._endpoints) if endpoints_on else ()
        entries = merge([own, listed.entries, plivo], starred)
        counts = {source: 0 for source in SOURCES}
        for entry in entries:
            counts[entry.source] = counts.get(entry.source, 0) + 1
        presence = {entry.endpoint_id: registered for entry, registered in self._endpoints} if endpoints_on else {}
        return DirectoryRead(entries, counts, (*listed.problems, *own_problems), listed.checked_at,
                             listed.from_cache, endpoints_on, presence, Directory(entries))

    # -- the agent's own entries and stars -----------------------------------------------------

    def add(self, name: str, address: str, team: str = "", notes: str = "") -> EntrySaved:
        return self._change(lambda own: own.add(name, address, team, notes))

    def update(self, key: str, name: str, address: str, team: str = "", notes: str = "") -> EntrySaved:
        return self._change(lambda own: own.update(key, name=name, address=address, team=team, notes=notes))

    def remove(self, key: str) -> EntrySaved:
        return self._change(lambda own: own.remove(key))

    def star(self, address: str, on: bool) -> EntrySaved:
        return self._change(lambda own: own.star(address, on))

    def _change(self, change) -> EntrySaved:  # type: ignore[no-untyped-def]
        if self._own is None:
            return EntrySaved(self.read(refresh=False), say("No own entries are kept in this session."))
        try:
            change(self._own)
        except PhloError as err:
            return EntrySaved(self.read(refresh=False), err.advice or str(err))
        except OSError as err:
            return EntrySaved(self.read(refresh=False), say("Your own directory entries could not be saved ({why}).",
                                                            why=err.strerror or str(err)))
        return EntrySaved(self.read(refresh=False))

    # -- the Plivo account's SIP endpoints -----------------------------------------------------------

    def list_endpoints(self) -> EndpointsStep:
        """Read the next page of endpoints, if the budget allows; the caller schedules the next step."""
        from phlo_desk.core.endpoints import EndpointListing, Failed, Wait

        reader = self._endpoint_reader()
        if isinstance(reader, str):
            return EndpointsStep(None, None, reader)
        if self._listing is None:
            self._listing = EndpointListing(reader)
        step = self._listing.step()
        if isinstance(step, Wait):
            return EndpointsStep(None, step.seconds)
        if isinstance(step, Failed):
            if step.credentials_rejected:  # they stay wrong until Settings change them: stop asking
                self._refused = step.reason
                return EndpointsStep(None, None, step.reason)
            return EndpointsStep(None, max(reader.budget.ready_in(), 1.0), step.reason)
        if not step.done:
            return EndpointsStep(None, reader.budget.ready_in())
        self._listing = None  # the next listing starts from the first page
        self._keep_endpoints(step.endpoints)
        return EndpointsStep(self.read(refresh=False), None)

    def presence(self, endpoint_id: str) -> Presence:
        """Whether the endpoint's softphone is registered now, if the budget allows a read."""
        from phlo_desk.core.endpoints import Failed, Wait

        reader = self._endpoint_reader()
        if isinstance(reader, str):
            return Presence(endpoint_id, None, problem=reader)
        answer = reader.get(endpoint_id)
        if isinstance(answer, Wait):
            return Presence(endpoint_id, None, wait_s=answer.seconds)
        if isinstance(answer, Failed):
            if answer.credentials_rejected:
                self._refused = answer.reason
            return Presence(endpoint_id, None, problem=answer.reason)
        kept = [(entry, answer.registered if entry.endpoint_id == endpoint_id else registered)
                for entry, registered in self._endpoints]
        self._endpoints = kept
        return Presence(endpoint_id, answer.registered)

    def _endpoint_reader(self):  # type: ignore[no-untyped-def]
        """The reader, or why there is none (a marked sentence)."""
        from phlo_desk.core.endpoints import EndpointReader
        from phlo_desk.core.errors import InvalidInput

        profile = self._profile
        if profile is None or not profile.is_on("directory_endpoints"):
            return say("The Plivo endpoints are not part of the directory.")
        if self._closing:
            return say("The desk is closing.")
        if self._refused:
            return self._refused
        if self._reader is None:
            token = self._token
            if token is None:
                token = self._keyring_token(profile.auth_id)
            if not token or not profile.auth_id:
                return say("The Plivo endpoints need the Auth ID and Auth Token: open Settings.")
            try:
                budget = self._read_budget() if self._read_budget else _budget_for(profile.api_base)
                self._reader = EndpointReader(profile.api_base, profile.auth_id, token, budget,
                                              total_timeout_s=LIST_TIMEOUT_S)
            except InvalidInput as err:
                return err.advice or str(err)
        return self._reader

    @staticmethod
    def _keyring_token(auth_id: str) -> str | None:
        from phlo_desk.core.credentials import CredentialStore

        try:
            return CredentialStore().get(auth_id) if auth_id else None
        except PhloError as err:
            log.info("no token for the endpoint reads: %s", err)
            return None

    def _keep_endpoints(self, endpoints) -> None:  # type: ignore[no-untyped-def]
        from phlo_desk.core.endpoints import entry_of

        self._endpoints = [(entry_of(endpoint), endpoint.registered) for endpoint in endpoints]
        # As Plivo answers them, so the next start reads them back through the same checks.
        rows = [{"endpoint_id": e.endpoint_id, "username": e.username, "alias": e.alias, "sip_uri": e.sip_uri,
                 "sip_registered": {True: "true", False: "false"}.get(e.registered)} for e in endpoints]
        kept = {"auth_id": self._profile.auth_id if self._profile else "", "endpoints": rows}
        try:
            self.cache_folder.mkdir(parents=True, exist_ok=True)
            temporary = self.cache_folder / (ENDPOINTS_CACHE + ".tmp")
            temporary.write_text(json.dumps(kept), encoding="utf-8")
            os.replace(temporary, self.cache_folder / ENDPOINTS_CACHE)
        except OSError as err:
            log.warning("the endpoint list was not kept: %s", err)

    def _cached_endpoints(self, auth_id: str) -> list[tuple[Entry, bool | None]]:
        """The account's endpoints as last listed (registration as it was then); none when never listed."""
        from phlo_desk.core.endpoints import endpoint_from_json, entry_of

        try:
            kept = json.loads((self.cache_folder / ENDPOINTS_CACHE).read_text(encoding="utf-8"))
            if kept["auth_id"] != auth_id:
                return []  # another account's colleagues
            endpoints = [endpoint_from_json(row) for row in kept["endpoints"]]
        except (OSError, ValueError, TypeError, KeyError, RecursionError):
            return []
        return [(entry_of(endpoint), endpoint.registered) for endpoint in endpoints if endpoint is not None]

    def _close_reader(self) -> None:
        if self._reader is not None:
            self._reader.close()
        self._reader = None
        self._listing = None

    def abort(self) -> None:
        """The desk is closing, from any thread: cut an endpoint read in flight, start no other."""
        self._closing = True
        if self._reader is not None:
            self._reader.abort()

    def close(self) -> None:
        self._close_reader()



def _budget_for(api_base: str):  # type: ignore[no-untyped-def]
    """The read budget: its jittered start spreads the reads of many desks that start
    together (a shift) over the account's shared limit; a simulator on this computer
    has no other desks, so its first read goes at once."""
    from urllib.parse import urlsplit

    from phlo_desk.core.endpoints import ReadBudget
    from phlo_desk.core.settings import is_loopback_host

    loopback = is_loopback_host(urlsplit(api_base).hostname or "")
    return ReadBudget(first_delay_max_s=0.0) if loopback else ReadBudget()
