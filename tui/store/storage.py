"""The data file on disk: locking, atomic durable writes, backups and permissions.

Nothing here knows the document's shape; it moves bytes safely.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import socket
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tui.store.errors import LockTimeout, StoreError

BACKUPS_KEPT = 14
LOCK_TIMEOUT = 10.0


@dataclass(frozen=True)
class Signature:
    """What identifies one version of the file without reading it."""

    inode: int
    size: int
    mtime_ns: int


def signature(path: Path) -> Signature | None:
    """The file's current signature, or None when it does not exist."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StoreError(f"{path}: cannot be read: {error.strerror}") from None
    return Signature(info.st_ino, info.st_size, info.st_mtime_ns)


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None when it does not exist yet."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StoreError(f"{path}: cannot be read: {error.strerror}") from None


def ensure_folder(folder: Path) -> None:
    """Create the data folder, private to its owner, if it is missing."""
    if folder.is_dir():
        return
    try:
        folder.mkdir(mode=0o700, parents=True)
    except FileExistsError:
        return
    except OSError as error:
        raise StoreError(f"{folder}: cannot create the data folder: {error.strerror}") from None


def permission_warnings(path: Path) -> list[str]:
    """Warnings for a data file others can read, or a data folder others can change."""
    checks = ((path, 0o077, "file", "600"), (path.parent, 0o022, "folder", "700"))
    warnings = []
    for target, unsafe_bits, noun, fix in checks:
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except OSError:
            continue
        if mode & unsafe_bits:
            warnings.append(
                f"{target}: the data {noun} is open to other users (mode {mode:04o});"
                f" fix it with: chmod {fix} {target}"
            )
    return warnings


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file.

    The temporary file is created exclusively (never following a planted symlink) in the
    same folder, written, flushed and fsynced, renamed over the old file, and the folder
    is fsynced so the rename itself survives a power cut.
    """
    temp = path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
        _fsync_folder(path.parent)
    except OSError as error:
        _remove_quietly(temp)
        raise StoreError(f"{path}: could not save: {_reason(error)}; the file is unchanged") from None


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    return error.strerror or str(error)


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


# --- backups ------------------------------------------------------------------------------


def backup_folder(path: Path) -> Path:
    """Where backups of `path` live."""
    return path.parent / "backups"


def backups(path: Path) -> list[Path]:
    """Backups of `path`, oldest first."""
    folder = backup_folder(path)
    if not folder.is_dir():
        return []
    # Only this file's own backups: plan.json must not claim plan.side.json's.
    own = re.compile(re.escape(path.stem) + r"\.\d{4}-\d{2}-\d{2}(\.[^.]+)?\.json")
    return sorted(p for p in folder.iterdir() if own.fullmatch(p.name))


def back_up(path: Path, today: date, tag: str = "") -> Path | None:
    """Copy the current file into the backups once per day (or per `tag`), keeping 14."""
    name = f"{path.stem}.{today.isoformat()}{'.' + tag if tag else ''}.json"
    target = backup_folder(path) / name
    if target.exists():
        return None
    data = read_bytes(path)
    if data is None:
        return None
    ensure_folder(target.parent)
    write_atomic(target, data)
    for old in backups(path)[:-BACKUPS_KEPT]:
        _remove_quietly(old)
    return target


# --- the lock -----------------------------------------------------------------------------


def lock_path(path: Path) -> Path:
    """The sidecar lock file of `path`."""
    return path.with_name(path.name + ".lock")


@contextmanager
def exclusive_lock(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold an exclusive flock on the sidecar lock file of `path` for the block.

    flock belongs to the open file description, so unlike fcntl locks it is not lost
    when some other descriptor of the same file is closed. The holder writes its pid and
    host into the lock file so that a waiter can say who it is waiting for.
    """
    target = lock_path(path)
    try:
        fd = os.open(target, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError as error:
        raise StoreError(f"{target}: cannot open the lock file: {error.strerror}") from None
    try:
        _acquire(fd, target, timeout)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {socket.gethostname()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the flock


def _acquire(fd: int, target: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    delay = 0.005
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = os.pread(fd, 200, 0).decode(errors="replace").strip() or "unknown"
                raise LockTimeout(
                    f"{target}: another careerdash (pid and host: {holder}) has held the"
                    f" lock for over {timeout:.0f} s; nothing was changed, try again"
                ) from None
            time.sleep(delay)  # polling: flock has no timeout of its own
            delay = min(delay * 2, 0.1)
