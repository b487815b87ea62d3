"""A loopback TCP proxy of the tests' own, between stations and the central PostgreSQL, that
breaks the network on command.

    proxy = TcpProxy(("127.0.0.1", 5432)).start()
    url = proxy.url(central_url)             # the same database, reached through the proxy
    proxy.cut_all()                          # every open connection, now
    proxy.stall(0.5, then="cut")             # forward nothing for 0.5 s, then cut (or resume)
    proxy.arm(Fault(after=1200))             # cut once 1200 more bytes have passed
    proxy.arm(Fault(pattern=b"COMMIT"))      # cut right after a COMMIT reached the server
    proxy.refuse(); proxy.admit()            # new connections refused (ECONNREFUSED), again let in

Threads, blocking sockets: an accepting thread and two pumps per connection. Nothing is sent while
the proxy's lock is held, so a stalled direction never blocks the other one.

A cut closes the client's side at once (the client sees the server vanish) and only half-closes
the server's side: PostgreSQL still reads what already reached it (a COMMIT forwarded just before
the cut is executed, its answer lost, as on a real network), then sees the end of the stream and
ends the session, rolling back whatever was not committed. The proxy drains and drops its answers.

A stall always ends: after its time (then it resumes or cuts), or at `resume()`, `cut_all()` or
`close()`, so a client waiting for an answer is never left hanging by the proxy.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy.engine import make_url

Direction = Literal["up", "down", "both"]  # up: client to server
Then = Literal["resume", "cut"]


@dataclass
class Fault:
    """One fault, fired once: after `after` more bytes in `direction`, or where `pattern` next
    passes in `direction` (just after it when `forward`, else just before it)."""

    after: int | None = None
    pattern: bytes | None = None
    direction: Direction = "both"
    forward: bool = True
    action: Literal["cut", "stall"] = "cut"
    stall_for: float | None = 0.5  # None: until resume() or cut_all()
    then: Then = "resume"
    scope: Literal["all", "link"] = "all"  # every connection, or the one it fired on
    seen: int = 0
    fired: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        if (self.after is None) == (self.pattern is None):
            raise ValueError("a fault fires after a number of bytes or on a pattern")

    def watches(self, direction: str) -> bool:
        return self.direction in ("both", direction)


@dataclass
class Stats:
    accepted: int = 0
    cuts: int = 0
    stalls: int = 0
    faults_fired: int = 0
    up: int = 0  # bytes forwarded client to server
    down: int = 0

    @property
    def total(self) -> int:
        return self.up + self.down


@dataclass(eq=False)
class _Link:
    client: socket.socket
    server: socket.socket
    cut: bool = False
    stalled: bool = False
    pumps: int = 2
    tails: dict[str, bytes] = field(default_factory=lambda: {"up": b"", "down": b""})


class TcpProxy:
    def __init__(self, upstream: tuple[str, int], host: str = "127.0.0.1") -> None:
        self.upstream = upstream
        self.host = host
        self.port = 0
        self.stats = Stats()
        self._cond = threading.Condition()
        self._links: set[_Link] = set()
        self._listener: socket.socket | None = None
        self._refusing = False
        self._stalled = False
        self._stall_generation = 0
        self._fault: Fault | None = None
        self._closed = False
        self._threads: list[threading.Thread] = []

    # Life

    def start(self) -> TcpProxy:
        self._listener = socket.create_server((self.host, 0))
        self.port = self._listener.getsockname()[1]
        self._spawn(self._accept_loop)
        return self

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._stalled = False
            listener, self._listener = self._listener, None
            self._cond.notify_all()
        if listener is not None:
            _shut(listener)
        self.cut_all()
        for thread in list(self._threads):
            thread.join(timeout=5)

    def __enter__(self) -> TcpProxy:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.close()

    def url(self, url: str) -> str:
        """`url` with its host and port replaced by the proxy's."""
        return make_url(url).set(host=self.host, port=self.port).render_as_string(False)

    @property
    def open_connections(self) -> int:
        with self._cond:
            return sum(1 for link in self._links if not link.cut)

    # Faults

    def cut_all(self) -> None:
        """Cut every open connection now; a stall in place ends with them."""
        with self._cond:
            links = [link for link in self._links if not link.cut]
            for link in links:
                link.cut = True
            self._stalled = False
            self._stall_generation += 1
            self.stats.cuts += 1
            self._cond.notify_all()
        for link in links:
            self._close_sides(link)

    def stall(self, seconds: float | None = None, then: Then = "resume") -> None:
        """Stop forwarding bytes on every connection, new ones included; after `seconds` resume
        or cut (None: until `resume()` or `cut_all()`)."""
        with self._cond:
            self._stalled = True
            self._stall_generation += 1
            generation = self._stall_generation
            self.stats.stalls += 1
        if seconds is not None:
            self._later(seconds, lambda: self._end_stall(generation, None, then))

    def resume(self) -> None:
        with self._cond:
            self._stalled = False
            self._stall_generation += 1
            for link in self._links:
                link.stalled = False
            self._cond.notify_all()

    def arm(self, fault: Fault) -> Fault:
        """Fire `fault` once when its condition is met (replacing any fault not fired yet)."""
        with self._cond:
            self._fault = fault
            for link in self._links:
                link.tails = {"up": b"", "down": b""}
        return fault

    def disarm(self) -> Fault | None:
        with self._cond:
            fault, self._fault = self._fault, None
        return fault

    def refuse(self) -> None:
        """Refuse new connections (the port is closed: connection refused); open ones go on."""
        with self._cond:
            self._refusing = True
            listener, self._listener = self._listener, None
        if listener is not None:
            _shut(listener)

    def admit(self) -> None:
        """Accept new connections again, on the same port."""
        with self._cond:
            if not self._refusing or self._closed:
                return
            self._listener = socket.create_server((self.host, self.port))
            self._refusing = False
            self._cond.notify_all()

    def wait_until(self, condition: Callable[[], bool], timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return True
            time.sleep(0.005)
        return condition()

    # Machinery

    def _spawn(self, target: Callable[..., None], *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()]
        self._threads.append(thread)
        thread.start()

    def _later(self, seconds: float, action: Callable[[], None]) -> None:
        timer = threading.Timer(seconds, action)
        timer.daemon = True
        timer.start()

    def _end_stall(self, generation: int, link: _Link | None, then: Then) -> None:
        with self._cond:
            if link is None and generation != self._stall_generation:
                return  # resumed or cut meanwhile
            if link is not None and not link.stalled:
                return
        if then == "cut":
            if link is None:
                self.cut_all()
            else:
                self._cut_link(link)
        elif link is None:
            self.resume()
        else:
            with self._cond:
                link.stalled = False
                self._cond.notify_all()

    def _accept_loop(self) -> None:
        while True:
            with self._cond:
                while self._refusing and not self._closed:
                    self._cond.wait()
                if self._closed:
                    return
                listener = self._listener
            if listener is None:
                continue
            try:
                client, _ = listener.accept()
            except OSError:
                continue  # closed by refuse() or close()
            try:
                server = socket.create_connection(self.upstream, timeout=5)
                server.settimeout(None)
            except OSError:
                _shut(client)
                continue
            for s in (client, server):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            link = _Link(client, server)
            with self._cond:
                if self._closed:
                    _shut(client)
                    _shut(server)
                    return
                self._links.add(link)
                self.stats.accepted += 1
            self._spawn(self._pump, link, "up")
            self._spawn(self._pump, link, "down")

    def _pump(self, link: _Link, direction: str) -> None:
        src, dst = (link.client, link.server) if direction == "up" else (link.server, link.client)
        try:
            while True:
                try:
                    data = src.recv(65536)
                except OSError:
                    data = b""
                if not data:
                    break
                if link.cut:
                    if direction == "down":
                        continue  # drain the server's answers until it hangs up
                    break
                if not self._forward(link, dst, data, direction):
                    if direction == "down":
                        continue
                    break
        finally:
            self._cut_link(link, count=False)
            with self._cond:
                link.pumps -= 1
                done = link.pumps == 0
                if done:
                    self._links.discard(link)
            if direction == "down":
                _shut(link.server)

    def _forward(self, link: _Link, dst: socket.socket, data: bytes, direction: str) -> bool:
        """Send `data` on, as far as stalls and the armed fault let it; False once cut."""
        while data:
            with self._cond:
                while (self._stalled or link.stalled) and not link.cut and not self._closed:
                    self._cond.wait()
                if link.cut:
                    return False
                now, rest, fault = self._split(link, data, direction)
            if now:
                try:
                    dst.sendall(now)
                except OSError:
                    return False
                with self._cond:
                    if direction == "up":
                        self.stats.up += len(now)
                    else:
                        self.stats.down += len(now)
            if fault is not None:
                self._fire(fault, link)
            data = rest
        return not link.cut

    def _split(self, link: _Link, data: bytes, direction: str) -> tuple[bytes, bytes, Fault | None]:
        """What may pass now, what waits, and the fault that fires in between (lock held)."""
        fault = self._fault
        tail = link.tails[direction]
        if fault is None or not fault.watches(direction):
            return data, b"", None
        if fault.after is not None:
            room = fault.after - fault.seen
            if len(data) < room:
                fault.seen += len(data)
                return data, b"", None
            self._fault = None
            return data[:room], data[room:], fault
        assert fault.pattern is not None
        window = tail + data
        found = window.find(fault.pattern)
        if found < 0:
            link.tails[direction] = window[-(len(fault.pattern) - 1) :] if fault.pattern else b""
            return data, b"", None
        end = found + len(fault.pattern) if fault.forward else found
        cut_at = max(0, end - len(tail))
        self._fault = None
        link.tails[direction] = b""
        return data[:cut_at], data[cut_at:], fault

    def _fire(self, fault: Fault, link: _Link) -> None:
        with self._cond:
            self.stats.faults_fired += 1
        fault.fired.set()  # before acting: whoever sees the fault's effect sees it fired
        if fault.action == "cut":
            if fault.scope == "all":
                self.cut_all()
            else:
                self._cut_link(link)
        elif fault.scope == "all":
            self.stall(fault.stall_for, fault.then)
        else:
            with self._cond:
                link.stalled = True
                self.stats.stalls += 1
            if fault.stall_for is not None:
                self._later(fault.stall_for, lambda: self._end_stall(0, link, fault.then))

    def _cut_link(self, link: _Link, count: bool = True) -> None:
        with self._cond:
            if link.cut:
                return
            link.cut = True
            if count:
                self.stats.cuts += 1
            self._cond.notify_all()
        self._close_sides(link)

    @staticmethod
    def _close_sides(link: _Link) -> None:
        _shut(link.client)
        # Half-close: the server reads what reached it, then the end of the stream.
        with contextlib.suppress(OSError):
            link.server.shutdown(socket.SHUT_WR)


def _shut(s: socket.socket) -> None:
    with contextlib.suppress(OSError):
        s.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        s.close()


def to_the_tests_postgresql() -> TcpProxy:
    """A proxy (not started: use it in a `with`) in front of the PostgreSQL the tests use."""
    from sqlalchemy.engine import make_url

    from support.line import PG_ADMIN_URL

    target = make_url(PG_ADMIN_URL)
    return TcpProxy((target.host or "127.0.0.1", target.port or 5432))
