"""A raw-port (9100) label printer on 127.0.0.1, for tests of durable printing: a port nobody
listens on is a printer that is off (the connection is refused); `LoopbackPrinter` on the same
port is the printer switched on."""

from __future__ import annotations

import socket
import threading


def free_port() -> int:
    """A loopback port nobody listens on: a printer that is off refuses the connection."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


class LoopbackPrinter:
    """Keeps every job it is sent, in `received`; `got_one` is set at the first."""

    def __init__(self, port: int) -> None:
        self.server = socket.create_server(("127.0.0.1", port))
        self.server.settimeout(30)
        self.received: list[bytes] = []
        self.got_one = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                data = b""
                while chunk := conn.recv(65536):
                    data += chunk
                self.received.append(data)
                self.got_one.set()

    def close(self) -> None:
        self.server.close()
