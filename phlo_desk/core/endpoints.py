"""The Plivo account's SIP endpoints, read in the background: a directory source with presence.

Plivo limits the whole account (300 requests per 5 s, shared by every desk on it), so the
desk's reads go through a small budget of their own (`ReadBudget`), back off on 429, and
use their own connection (`EndpointReader` has its own Transport): they never wait for,
delay or share a slot with an action. Nothing here sleeps or raises: each read answers
with what it got, or with `Wait` (seconds before the next read may go) or `Failed`;
the caller schedules the next step.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

from phlo_desk.core import errors
from phlo_desk.core.addresses import AddressError, parse_address
from phlo_desk.core.client import CONNECT_TIMEOUT_S, USER_AGENT, check_token
from phlo_desk.core.directory import SOURCE_PLIVO, Entry, clean_name
from phlo_desk.core.settings import is_loopback_host, normalise_api_base
from phlo_desk.core.text import server_text
from phlo_desk.core.translatable import say, translatable
from phlo_desk.core.transport import Answer, Transport

log = logging.getLogger(__name__)

PHLO_RUNNER_BASE = "https://phlorunner.plivo.com"
VOICE_API_BASE = "https://api.plivo.com"
PAGE_LIMIT = 20  # Plivo's maximum for list calls
TOTAL_TIMEOUT_S = 10.0
NAME_LIMIT = 200


def voice_api_base(api_base: str) -> str:
    """Where the Voice API is for a desk whose PHLO API base is `api_base`.

    Plivo serves the two APIs from different hosts: the default PHLO runner
    (https://phlorunner.plivo.com) maps to https://api.plivo.com. Any other base (the
    sandbox, a test server, a proxy IT set up) serves both APIs at the same base, so
    there is no second address to configure. Raises InvalidInput for a base that
    normalise_api_base refuses.
    """
    base = normalise_api_base(api_base)
    return VOICE_API_BASE if base.lower() in (PHLO_RUNNER_BASE, PHLO_RUNNER_BASE + ":443") else base


# -- what the API answers ----------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    endpoint_id: str
    username: str
    alias: str
    sip_uri: str  # checked: the wire form, sip:user@host
    registered: bool | None  # whether a softphone is registered now; None when Plivo did not say
    sip_contact: str = ""
    sip_expires: str = ""
    sip_user_agent: str = ""

    @property
    def name(self) -> str:
        return self.alias or self.username


def entry_of(endpoint: Endpoint) -> Entry:
    return Entry(
        name=clean_name(endpoint.name),
        address=endpoint.sip_uri,
        source=SOURCE_PLIVO,
        key=endpoint.endpoint_id,
        endpoint_id=endpoint.endpoint_id,
    )


def endpoint_from_json(data: object) -> Endpoint | None:
    """An endpoint object as Plivo answers it; None when it has no id or no usable SIP URI."""
    if not isinstance(data, dict):
        return None
    endpoint_id = server_text(data.get("endpoint_id") or "", 100)
    try:
        sip_uri = parse_address(str(data.get("sip_uri") or "")).wire
    except AddressError:
        return None
    if not endpoint_id or not sip_uri.startswith("sip:"):
        return None
    registered = data.get("sip_registered")
    if isinstance(registered, str):
        registered = {"true": True, "false": False}.get(registered.strip().lower())
    return Endpoint(
        endpoint_id=endpoint_id,
        username=server_text(data.get("username") or "", NAME_LIMIT),
        alias=server_text(data.get("alias") or "", NAME_LIMIT),
        sip_uri=sip_uri,
        registered=registered if isinstance(registered, bool) else None,
        sip_contact=server_text(data.get("sip_contact") or "", NAME_LIMIT),
        sip_expires=server_text(data.get("sip_expires") or "", 40),
        sip_user_agent=server_text(data.get("sip_user_agent") or "", NAME_LIMIT),
    )


@dataclass(frozen=True)
class Page:
    endpoints: tuple[Endpoint, ...]
    offset: int
    total_count: int
    next_offset: int | None  # None: this was the last page
    skipped: int = 0  # objects without an id or a usable SIP URI


@dataclass(frozen=True)
class Wait:
    """Nothing was sent: ask again in `seconds`."""

    seconds: float
    rate_limited: bool = False  # Plivo answered 429 (otherwise the desk's own budget is empty)


@dataclass(frozen=True)
class Failed:
    reason: str  # a marked sentence, for the agent or the log
    status: int | None = None  # the HTTP status, when there was an answer

    @property
    def credentials_rejected(self) -> bool:
        """Reading again will not help until the Auth ID / Auth Token change."""
        return self.status == 401


# -- the desk's own budget -------------------------------------------------------------


def retry_after_seconds(header: str | None) -> float | None:
    """Retry-After in its seconds form; None when absent or an HTTP date (the caller's
    own back-off applies then: a date depends on clocks agreeing)."""
    text = (header or "").strip()
    return float(text) if text.isascii() and text.isdigit() else None


class ReadBudget:
    """How often the desk may read in the background: a token bucket with back-off.

    `capacity` reads may go at once (listing a few pages), then one per `refill_s`
    on average. The first read waits a random 0..`first_delay_max_s`, so the desks of
    an office started at 9:00 do not all read at once. After a 429 the next read waits
    Retry-After (seconds, at most `retry_after_cap_s` in case of a garbled header);
    after a failure without one, `back_off_first_s`, doubling up to `back_off_cap_s`,
    until a success resets it. Times are the injected clock's; pure, no sleeping.
    """

    def __init__(
        self,
        *,
        capacity: int = 3,
        refill_s: float = 10.0,
        first_delay_max_s: float = 10.0,
        back_off_first_s: float = 30.0,
        back_off_cap_s: float = 600.0,
        retry_after_cap_s: float = 3600.0,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
    ) -> None:
        if capacity < 1 or not refill_s > 0:
            raise ValueError("capacity must be at least 1 and refill_s positive")
        self.capacity = capacity
        self.refill_s = refill_s
        self.back_off_first_s = back_off_first_s
        self.back_off_cap_s = back_off_cap_s
        self.retry_after_cap_s = retry_after_cap_s
        self.clock = clock
        now = clock()
        self._tokens = float(capacity)
        self._counted_at = now
        self._blocked_until = now + (rng or random.Random()).uniform(0.0, first_delay_max_s)
        self._failures = 0  # in a row, for the exponential back-off

    def ready_in(self, now: float | None = None) -> float:
        """Seconds until a read may go; 0 when it may go now."""
        now = self.clock() if now is None else now
        tokens = self._tokens_at(now)
        refill_wait = 0.0 if tokens >= 1.0 - 1e-9 else (1.0 - tokens) * self.refill_s
        return max(0.0, self._blocked_until - now, refill_wait)

    def spend(self, now: float | None = None) -> None:
        """A read goes now; ValueError if the budget does not allow it yet."""
        now = self.clock() if now is None else now
        if self.ready_in(now) > 0:
            raise ValueError("no read is allowed yet")
        self._tokens = max(0.0, self._tokens_at(now) - 1.0)
        self._counted_at = now

    def back_off(self, retry_after_s: float | None, now: float | None = None) -> float:
        """The read was refused (429) or failed: no read for Retry-After seconds when
        given, else for the next step of the exponential back-off. Returns the wait."""
        now = self.clock() if now is None else now
        self._failures += 1
        if retry_after_s is not None and retry_after_s >= 0:
            wait = min(float(retry_after_s), self.retry_after_cap_s)
        else:
            wait = min(self.back_off_first_s * 2.0 ** min(self._failures - 1, 30), self.back_off_cap_s)
        self._blocked_until = max(self._blocked_until, now + wait)
        return wait

    def succeeded(self) -> None:
        """A read was answered: the next failure backs off from the first step again."""
        self._failures = 0

    def _tokens_at(self, now: float) -> float:
        return min(float(self.capacity), self._tokens + max(0.0, now - self._counted_at) / self.refill_s)


# -- reading ---------------------------------------------------------------------------


class EndpointReader:
    """Reads the account's SIP endpoints under `budget`, on a connection of its own.

    Construct and call it on a background thread: the first read imports requests.
    `abort()` and nothing else may be called from another thread.
    """

    def __init__(
        self,
        api_base: str,
        auth_id: str,
        token: str,
        budget: ReadBudget,
        *,
        total_timeout_s: float = TOTAL_TIMEOUT_S,
    ) -> None:
        # InvalidInput for a base or a token no request could use; the reads never raise.
        self.base = voice_api_base(api_base)
        check_token(token)
        self.auth_id = auth_id
        self.budget = budget
        self._auth = (auth_id, token)
        self._total_timeout_s = total_timeout_s
        self._transport: Transport | None = None  # made on the first read

    def __repr__(self) -> str:  # never the token
        return f"EndpointReader({self.base!r}, auth_id={self.auth_id!r})"

    def list_page(self, offset: int = 0) -> Page | Wait | Failed:
        """The page of endpoints from `offset` (PAGE_LIMIT at most)."""
        answer = self._read(f"Endpoint/?limit={PAGE_LIMIT}&offset={offset}")
        if not isinstance(answer, dict):
            return answer
        objects = answer.get("objects")
        meta = answer.get("meta") if isinstance(answer.get("meta"), dict) else {}
        if not isinstance(objects, list):
            self.budget.back_off(None)
            return Failed(translatable("Plivo's list of SIP endpoints could not be read."), 200)
        endpoints = tuple(e for e in map(endpoint_from_json, objects) if e is not None)
        total = meta.get("total_count")
        total_count = total if isinstance(total, int) and not isinstance(total, bool) else offset + len(objects)
        return Page(endpoints, offset, total_count, _next_offset(meta.get("next"), offset, len(objects)),
                    skipped=len(objects) - len(endpoints))

    def get(self, endpoint_id: str) -> Endpoint | Wait | Failed:
        """One endpoint, with whether its softphone is registered now."""
        answer = self._read(f"Endpoint/{quote(endpoint_id, safe='')}/", endpoint_id=endpoint_id)
        if not isinstance(answer, dict):
            return answer
        endpoint = endpoint_from_json(answer)
        if endpoint is None:
            self.budget.back_off(None)
            return Failed(translatable("Plivo's answer about the SIP endpoint could not be read."), 200)
        return endpoint

    def abort(self) -> None:
        """Cut the read in flight (the desk is closing), from any thread."""
        if self._transport is not None:
            self._transport.abort()

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()

    # -- wire ----------------------------------------------------------------

    def _read(self, path: str, *, endpoint_id: str = "") -> dict | Wait | Failed:
        """One GET under the budget: the answer's JSON object, or why there is none."""
        wait = self.budget.ready_in()
        if wait > 0:
            return Wait(wait)
        self.budget.spend()
        url = f"{self.base}/v1/Account/{quote(self.auth_id, safe='')}/{path}"
        try:
            answer, _elapsed_ms = self._wire().send("GET", url, None, side_effects=False)
        except errors.PhloError as error:
            log.info("GET %s: %s (%s)", urlsplit(url).path, error.outcome, error.detail, exc_info=error.__cause__)
            self.budget.back_off(None)
            return Failed(say("Could not reach Plivo to read the SIP endpoints: {reason}.", reason=error.detail))
        return self._interpret(answer, endpoint_id)

    def _interpret(self, answer: Answer, endpoint_id: str) -> dict | Wait | Failed:
        status = answer.status
        if status == 429:
            self.budget.back_off(retry_after_seconds(answer.headers.get("retry-after")))
            return Wait(self.budget.ready_in(), rate_limited=True)
        if status == 401:
            return Failed(translatable("Plivo rejected the Auth ID / Auth Token when reading the SIP endpoints: "
                                       "check them in Settings."), status)
        if status == 404 and endpoint_id:
            self.budget.succeeded()  # Plivo answered; the endpoint is gone
            return Failed(say("Plivo has no SIP endpoint {endpoint_id} any more.",
                              endpoint_id=server_text(endpoint_id, 100)), status)
        if not 200 <= status < 300:
            # 403, 400, 5xx...: asking again soon would only repeat it, across every desk of the account
            self.budget.back_off(None)
            return Failed(say("Plivo refused to read the SIP endpoints (HTTP {status}).", status=status), status)
        payload = _json_object(answer.body)
        if payload is None:
            self.budget.back_off(None)
            return Failed(translatable("Plivo's answer about the SIP endpoints could not be read."), status)
        self.budget.succeeded()
        return payload

    def _wire(self) -> Transport:
        if self._transport is None:
            self._transport = Transport(
                self._auth,
                {"User-Agent": USER_AGENT, "Accept": "application/json"},
                loopback=is_loopback_host(urlsplit(self.base).hostname or ""),
                connect_timeout=min(CONNECT_TIMEOUT_S, self._total_timeout_s),
                total_timeout=self._total_timeout_s,
            )
        return self._transport


def _json_object(body: bytes | None) -> dict | None:
    if body is None:
        return None
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        return None
    return payload if isinstance(payload, dict) else None


def _next_offset(next_url: object, offset: int, received: int) -> int | None:
    """Where the next page starts, from meta.next; None at the end. Always past
    `offset`, so a server that repeats itself cannot keep a listing going forever."""
    if not isinstance(next_url, str) or not next_url or received == 0:
        return None
    values = parse_qs(urlsplit(next_url).query).get("offset", [""])
    named = values[-1]
    following = int(named) if named.isascii() and named.isdigit() else offset + received
    return following if following > offset else None


# -- the whole list, step by step --------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    endpoints: tuple[Endpoint, ...]  # read so far, in Plivo's order; all of them once done
    total_count: int
    done: bool


class EndpointListing:
    """Walks the pages one `step()` at a time.

    Each step reads at most one page. After `Wait`, step again once its seconds have
    passed; after `Failed`, stepping again retries the same page; after a `Progress`
    that is not done, step again (the budget decides whether the next page goes at once).
    Once done, step() returns the finished Progress without reading.
    """

    def __init__(self, reader: EndpointReader) -> None:
        self.reader = reader
        self._found: dict[str, Endpoint] = {}  # by endpoint_id: pages that shift never double one
        self._offset: int | None = 0
        self._total = 0

    def step(self) -> Progress | Wait | Failed:
        if self._offset is None:
            return self._progress()
        page = self.reader.list_page(self._offset)
        if not isinstance(page, Page):
            return page
        for endpoint in page.endpoints:
            self._found.setdefault(endpoint.endpoint_id, endpoint)
        self._total = page.total_count
        self._offset = page.next_offset
        return self._progress()

    def _progress(self) -> Progress:
        return Progress(tuple(self._found.values()), max(self._total, len(self._found)), self._offset is None)

