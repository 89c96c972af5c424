"""What the dashboard costs while nobody types: CPU time and bytes sent to the terminal.

Runs `careerdash --demo` on a pseudo-terminal of the given size (as sshd or tmux gives it),
waits for it to settle, then counts for a while. Linux only (reads /proc).

Run: python -m tui.devtools.idle [--seconds 60] [--size 80x24] [--screen 1]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass

SETTLE_SECONDS = 6.0


@dataclass(frozen=True)
class Idle:
    """What one idle stretch cost."""

    seconds: float
    cpu_seconds: float
    bytes_out: int

    @property
    def cpu_percent(self) -> float:
        """CPU time as a share of one core."""
        return 100 * self.cpu_seconds / self.seconds


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _drain(fd: int, until: float) -> int:
    """Read what the app writes until `until`; how many bytes."""
    count = 0
    while (left := until - time.monotonic()) > 0:
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                count += len(os.read(fd, 65536))
            except OSError:  # the app ended
                break
    return count


def measure(seconds: float, width: int, height: int, keys: bytes = b"", *,
            args: Sequence[str] = ("--demo",), settle: float = SETTLE_SECONDS) -> Idle:
    """Start the app (`careerdash ARGS`) on a pty, press `keys`, let it settle, then
    measure `seconds` idle."""
    env = {**os.environ, "TERM": "xterm-256color", "CAREERDASH_NOW": "2026-11-23T09:00:00"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the app
        os.execvpe(sys.executable, [sys.executable, "-m", "tui", *args], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
    try:
        _drain(fd, time.monotonic() + settle / 2)
        os.write(fd, keys)
        _drain(fd, time.monotonic() + settle / 2)
        cpu = _cpu_seconds(pid)
        start = time.monotonic()
        sent = _drain(fd, start + seconds)
        return Idle(time.monotonic() - start, _cpu_seconds(pid) - cpu, sent)
    finally:
        os.write(fd, b"\x11")  # ctrl+q quits from anywhere (q would be typed into a field)
        _drain(fd, time.monotonic() + 2)
        if os.waitpid(pid, os.WNOHANG) == (0, 0):
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--size", default="80x24", help="WIDTHxHEIGHT")
    parser.add_argument("--screen", default="1", help="the key of the screen to sit on")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    idle = measure(args.seconds, width, height, args.screen.encode())
    print(f"screen {args.screen} at {width}x{height}, idle {idle.seconds:.0f} s: "
          f"CPU {idle.cpu_seconds:.2f} s ({idle.cpu_percent:.2f}% of one core), "
          f"{idle.bytes_out} bytes to the terminal ({idle.bytes_out / idle.seconds:.1f} B/s)")


if __name__ == "__main__":
    main()
