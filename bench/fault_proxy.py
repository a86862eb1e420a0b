"""A fault-injecting HTTP/1.1 proxy on loopback, for the sync fault tests and the sync benchmark.

Real sockets between a desk's HubClient and real hub processes: the desk talks to the proxy's
address, the proxy forwards each request to one of its upstream hubs (switchable at any moment,
or alternating, to play two hub processes behind a load balancer) over a fresh connection, and
relays the answer. It knows just enough HTTP/1.1 to see where each request and answer ends
(Content-Length or chunked), so it can:

- count round trips (requests from the desk), whatever the client thinks it sent;
- add a delay per round trip (`delay`, e.g. 0.040 for a 40 ms link);
- inject, once each, on the next request whose path starts with a prefix (`fail_next`):
  CUT_BEFORE_HUB   the connection is cut before the request is forwarded (the hub never sees it);
  CUT_AFTER_HUB    forwarded, the hub answers (it has committed), the connection is cut before
                   any of the answer reaches the desk;
  CUT_HALF_ANSWER  as above, but half of the answer's bytes reach the desk first;
  ERROR_500        answered 500 by the proxy (the hub never sees it);
  SLOW             forwarded, and the answer held for `slow_s` seconds (beyond the client's
                   timeout), then sent if the desk still listens;
  HOLD             forwarded, the answer held (`held` is set) until `release()`, then the
                   connection is cut: the hub can be killed in between, right after its commit.
- tell when answers have fully passed (`wait_for_answers`), e.g. a large pull page.

Imports only the standard library (no frontdesk), so tests and benches both use it:
`from bench.fault_proxy import FaultProxy`.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from dataclasses import dataclass, field

CUT_BEFORE_HUB = "cut_before_hub"
CUT_AFTER_HUB = "cut_after_hub"
CUT_HALF_ANSWER = "cut_half_answer"
ERROR_500 = "error_500"
SLOW = "slow"
HOLD = "hold"
FAULTS = frozenset({CUT_BEFORE_HUB, CUT_AFTER_HUB, CUT_HALF_ANSWER, ERROR_500, SLOW, HOLD})

_MAX_HEAD = 64 * 1024


class _Closed(Exception):
    """The peer closed the connection before a whole message arrived."""


@dataclass
class Trip:
    """One round trip as the proxy saw it."""

    method: str
    path: str
    fault: str = ""
    upstream: int = 0  # the hub's port, 0 when not forwarded
    status: int = 0  # the hub's (or the proxy's) status code, 0 when there was none
    answered: bool = False  # the whole answer reached the desk
    hub_s: float = 0.0  # seconds from forwarding the request to the hub's whole answer


@dataclass
class _Rule:
    prefix: str
    fault: str
    skip: int = 0


@dataclass
class _Reader:
    """Buffered reads of whole HTTP messages from a socket."""

    sock: socket.socket
    buffer: bytes = b""
    raw: bytearray = field(default_factory=bytearray)  # the bytes of the current message

    def _fill(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise _Closed
        self.buffer += chunk

    def _take(self, n: int) -> bytes:
        while len(self.buffer) < n:
            self._fill()
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        self.raw += data
        return data

    def _line(self) -> bytes:
        while b"\r\n" not in self.buffer:
            if len(self.buffer) > _MAX_HEAD:
                raise _Closed
            self._fill()
        return self._take(self.buffer.index(b"\r\n") + 2)

    def message(self) -> tuple[str, dict[str, str], bytes]:
        """(start line, headers in lower case, raw bytes of the whole message)."""
        self.raw = bytearray()
        while b"\r\n\r\n" not in self.buffer:
            if len(self.buffer) > _MAX_HEAD:
                raise _Closed
            self._fill()
        head = self._take(self.buffer.index(b"\r\n\r\n") + 4).decode("latin-1")
        start, *lines = head.split("\r\n")
        headers = {}
        for line in lines:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        answer = start.startswith("HTTP/")
        status = start.split(" ")[1] if answer and start.count(" ") else ""
        if status.startswith("1") or status in ("204", "304"):
            pass
        elif "chunked" in headers.get("transfer-encoding", "").lower():
            while True:
                size = int(self._line().split(b";")[0].strip(), 16)
                self._take(size + 2)
                if size == 0:
                    break
        elif "content-length" in headers:
            self._take(int(headers["content-length"]))
        elif answer:
            with contextlib.suppress(_Closed):  # an answer that ends when its connection does
                while True:
                    self._fill()
                    self._take(len(self.buffer))
        return start, headers, bytes(self.raw)


class FaultProxy:
    """Listens on 127.0.0.1 (a free port); forwards to `upstreams` (ports of hub processes on
    127.0.0.1). With several upstreams each request goes to the next one in turn."""

    def __init__(self, *upstreams: int, delay: float = 0.0, slow_s: float = 5.0) -> None:
        self.upstreams = list(upstreams)
        self.delay = delay
        self.slow_s = slow_s
        self.trips: list[Trip] = []
        self.held = threading.Event()
        self._release = threading.Event()
        self._rules: list[_Rule] = []
        self._turn = 0
        self._lock = threading.Condition()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._clients: set[socket.socket] = set()
        self._stopping = False
        self._threads: list[threading.Thread] = []
        self._accepter = threading.Thread(target=self._accept, name="fault-proxy", daemon=True)
        self._accepter.start()

    # --- what tests and benches call -------------------------------------------------------

    def use(self, *upstreams: int) -> None:
        """Forward from now on to these hub ports (in turn when several)."""
        with self._lock:
            self.upstreams = list(upstreams)

    def fail_next(self, prefix: str, fault: str, *, skip: int = 0) -> None:
        """Inject `fault` once, on the request whose path starts with `prefix`, after `skip` such requests."""
        if fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}")
        with self._lock:
            if fault == HOLD:
                self.held.clear()
                self._release.clear()
            self._rules.append(_Rule(prefix, fault, skip))

    def release(self) -> None:
        """Let a HOLD go on (it cuts the held connection)."""
        self._release.set()

    @property
    def round_trips(self) -> int:
        with self._lock:
            return len(self.trips)

    def reset_count(self) -> None:
        with self._lock:
            self.trips = []

    def paths(self) -> list[str]:
        with self._lock:
            return [t.path for t in self.trips]

    def wait_for_answers(self, prefix: str, count: int = 1, *, timeout: float = 60.0) -> bool:
        """Wait until `count` answers to paths starting with `prefix` have wholly passed to the desk."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while sum(t.answered and t.path.startswith(prefix) for t in self.trips) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
        return True

    def close(self) -> None:
        self._stopping = True
        self._release.set()
        with contextlib.suppress(OSError):
            self._listener.close()
        with self._lock:
            clients = list(self._clients)
        for sock in clients:
            _shut(sock)
        for thread in [self._accepter, *self._threads]:
            thread.join(5)

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    # --- the proxy itself ------------------------------------------------------------------

    def _accept(self) -> None:
        while not self._stopping:
            try:
                client, _addr = self._listener.accept()
            except OSError:
                return
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                self._clients.add(client)
            thread = threading.Thread(target=self._serve, args=(client,), name="fault-proxy-conn", daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, client: socket.socket) -> None:
        reader = _Reader(client)
        try:
            while not self._stopping:
                try:
                    start, _headers, request = reader.message()
                except (_Closed, OSError, ValueError):
                    return
                method, path = [*start.split(" "), "", ""][:2]
                trip = Trip(method, path)
                with self._lock:
                    trip.fault = self._fault_for(path)
                    self.trips.append(trip)
                if self.delay:
                    time.sleep(self.delay)
                try:
                    if not self._round_trip(client, trip, request):
                        return
                except OSError:  # the desk went away while being answered
                    return
        finally:
            with self._lock:
                self._clients.discard(client)
                self._lock.notify_all()
            _shut(client)

    def _fault_for(self, path: str) -> str:
        for rule in self._rules:
            if path.startswith(rule.prefix):
                if rule.skip:
                    rule.skip -= 1
                    continue
                self._rules.remove(rule)
                return rule.fault
        return ""

    def _next_upstream(self) -> int:
        with self._lock:
            if not self.upstreams:
                return 0
            port = self.upstreams[self._turn % len(self.upstreams)]
            self._turn += 1
            return port

    def _round_trip(self, client: socket.socket, trip: Trip, request: bytes) -> bool:
        """Forward one request and relay its answer; False when the desk's connection is done."""
        if trip.fault == CUT_BEFORE_HUB:
            return False
        if trip.fault == ERROR_500:
            body = b'{"detail": "injected by the fault proxy"}'
            trip.status = 500
            client.sendall(b"HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/json\r\n"
                           b"content-length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
            self._answered(trip)
            return True
        trip.upstream = self._next_upstream()
        started = time.perf_counter()
        try:
            with socket.create_connection(("127.0.0.1", trip.upstream), timeout=300) as hub:
                hub.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                hub.sendall(request)
                status_line, _headers, answer = _Reader(hub).message()
        except (OSError, _Closed, ValueError):
            return False  # the hub is down or died mid-answer: the desk sees its connection cut
        trip.hub_s = time.perf_counter() - started
        with contextlib.suppress(ValueError, IndexError):
            trip.status = int(status_line.split(" ")[1])
        if trip.fault == CUT_AFTER_HUB:
            return False
        if trip.fault == CUT_HALF_ANSWER:
            with contextlib.suppress(OSError):
                client.sendall(answer[: len(answer) // 2])
            return False
        if trip.fault == HOLD:
            self.held.set()
            self._release.wait()
            return False
        if trip.fault == SLOW and _closed_within(client, self.slow_s):
            return False  # the desk gave up waiting
        try:
            client.sendall(answer)
        except OSError:
            return False
        self._answered(trip)
        return True

    def _answered(self, trip: Trip) -> None:
        with self._lock:
            trip.answered = True
            self._lock.notify_all()


def _closed_within(sock: socket.socket, seconds: float) -> bool:
    """Wait up to `seconds`; True as soon as the peer closes (or sends anything: it gave up)."""
    sock.settimeout(seconds)
    try:
        return sock.recv(1, socket.MSG_PEEK) == b""
    except TimeoutError:
        return False
    except OSError:
        return True
    finally:
        sock.settimeout(None)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
