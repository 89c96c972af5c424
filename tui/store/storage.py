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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tui.settings import lock_seconds
from tui.store.errors import LockTimeout, StoreError

BACKUPS_KEPT = 14


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
    is fsynced so the rename itself survives a power cut. A file the user may not write
    is refused: in a folder they can write, the rename would take it over.
    """
    check_writable(path)
    temp = temp_path(path)
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
        raise StoreError(f"{path}: could not save: {_reason(error)}; the file is unchanged"
                         ) from None


def temp_path(path: Path) -> Path:
    """The temporary file a write of `path` goes through: hidden, beside it, and named with
    the writer's pid, so that one left by a killed writer can be told apart and removed."""
    return path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")


_TEMP = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d{1,10})\.\d+\.tmp")


def remove_stale_temps(path: Path) -> list[Path]:
    """Remove the temporary files of `path` and of its backups that writers killed mid-write
    left behind (those of processes no longer running); returns what was removed.

    Call it holding the lock: then no other writer of `path` can be half-way through.
    """
    own_backup = _backup_name(path)
    removed = []
    for folder, owns in ((path.parent, lambda name: name == path.name),
                         (backup_folder(path), own_backup.fullmatch)):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            match = _TEMP.fullmatch(name)
            if match and owns(match["name"]) and not _running(int(match["pid"])):
                _remove_quietly(folder / name)
                removed.append(folder / name)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, as another user
    except (OverflowError, OSError):
        return False
    return True


def check_writable(path: Path) -> None:
    """Refuse, saying why, to replace an existing file the user may not write."""
    try:
        info = os.stat(path)
    except OSError:
        return  # not there yet (a new file), or unreadable: the write itself says why
    effective = os.access in os.supports_effective_ids
    if os.access(path, os.W_OK, effective_ids=effective):
        return
    mode = stat.S_IMODE(info.st_mode)
    if info.st_uid != os.geteuid():
        why = f"it belongs to another user (uid {info.st_uid}, mode {mode:04o})"
    else:
        why = f"it is read-only (mode {mode:04o}); make it writable with: chmod 600 {path}"
    raise StoreError(f"{path}: cannot be saved: {why}; the file is unchanged")


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
    own = _backup_name(path)
    return sorted(p for p in folder.iterdir() if own.fullmatch(p.name))


def _backup_name(path: Path) -> re.Pattern[str]:
    # Only this file's own backups: plan.json must not claim plan.side.json's.
    return re.compile(re.escape(path.stem) + r"\.\d{4}-\d{2}-\d{2}(\.[^.]+)?\.json")


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


LOCK_NOTICE_SECONDS = 0.5  # a change waiting this long says who it waits for


@contextmanager
def exclusive_lock(path: Path, timeout: float | None = None,
                   waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold an exclusive flock on the sidecar lock file of `path` for the block.

    flock belongs to the open file description, so unlike fcntl locks it is not lost
    when some other descriptor of the same file is closed, and the kernel drops it when
    its holder dies: a lock file left by a dead process never blocks anyone. The holder
    writes its pid and host into the lock file so that a waiter can say who it waits for.
    `timeout` defaults to settings.lock_seconds() ($CAREERDASH_LOCK_TIMEOUT, else 10 s);
    `waiting` is told the holder ("pid N on host H") once the wait passes half a second.
    """
    target = lock_path(path)
    try:
        fd = os.open(target, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError as error:
        raise StoreError(f"{target}: cannot open the lock file: {error.strerror}") from None
    try:
        _acquire(fd, target, lock_seconds() if timeout is None else timeout, waiting)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {socket.gethostname()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the flock


def _acquire(fd: int, target: Path, timeout: float,
             waiting: Callable[[str], None] | None) -> None:
    started = time.monotonic()
    deadline, notice = started + timeout, started + LOCK_NOTICE_SECONDS
    delay = 0.005
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            now = time.monotonic()
            if now >= deadline:
                raise LockTimeout(
                    f"{target}: another careerdash ({_holder(fd)}) has held the lock for"
                    f" over {timeout:.3g} s; nothing was changed, try again"
                ) from None
            if waiting is not None and now >= notice:
                waiting(_holder(fd))
                waiting = None  # once
            time.sleep(delay)  # polling: flock has no timeout of its own
            delay = min(delay * 2, 0.1)


def lock_holder(path: Path) -> str | None:
    """Who holds the lock of `path` at this moment ("pid N on host H"), or None.

    A shared, non-blocking probe: it never waits, and a writer that asks for the lock
    meanwhile is kept out for microseconds at most."""
    try:
        fd = os.open(lock_path(path), os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:  # no lock file yet (or none we may read): nobody holds it
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = _holder(fd)
        os.close(fd)
        return holder
    os.close(fd)  # closing it lets the probe's shared lock go
    return None


def _holder(fd: int) -> str:
    """Who holds the lock, from the "pid host" stamp the holder wrote into the lock file."""
    stamp = os.pread(fd, 200, 0).decode(errors="replace").split()
    if len(stamp) == 2 and stamp[0].isdigit():
        return f"pid {stamp[0]} on host {stamp[1]}"
    return f"pid and host: {' '.join(stamp) or 'unknown'}"
