"""`careerdash` on a pseudo-terminal, for the tests that need a real terminal: what it
draws (without the escape sequences), keys typed, the terminal closed, its exit status."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from collections.abc import Callable

CSI = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|[^\[])")


class Terminal:
    """`python -m tui` on a pseudo-terminal of 80x24; what it draws, without the escapes."""

    def __init__(self) -> None:
        env = {**os.environ, "TERM": "xterm-256color", "CAREERDASH_BLINK": "0"}
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the app
            os.execvpe(sys.executable, [sys.executable, "-m", "tui"], env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.output = bytearray()
        self.status: int | None = None

    def read(self, seconds: float) -> None:
        ready, _, _ = select.select([self.fd], [], [], seconds)
        if ready:
            try:
                self.output.extend(os.read(self.fd, 65536))
            except OSError:  # the app closed the terminal
                pass

    def wait_for(self, condition: Callable[[], bool], what: str, seconds: float = 20) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            assert time.monotonic() < deadline, f"no {what} after {seconds} s"
            self.read(0.05)

    def shows(self, text: str) -> Callable[[], bool]:
        """A condition: `text` was drawn since the last call to press()."""
        start = self._mark
        return lambda: text.encode() in CSI.sub(b"", bytes(self.output[start:]))

    def press(self, keys: str) -> None:
        self._mark = len(self.output)
        os.write(self.fd, keys.encode())

    _mark = 0

    def exited(self) -> bool:
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid:
            self.status = status
        return self.status is not None

    def hang_up(self) -> None:
        """Close the terminal, as sshd does when the connection drops."""
        os.close(self.fd)
        self.fd = -1

    def close(self) -> None:
        if self.status is None and not self.exited():
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        if self.fd >= 0:
            self.hang_up()
