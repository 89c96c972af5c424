"""File permissions as an ordinary user sees them: refused reads and writes fail cleanly.

Root ignores file modes, so when the tests run as root the command runs as `nobody`
(uid 65534) through setpriv or runuser; run as anyone else, it runs as that user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui import actions
from tui.store import Store

NOBODY = 65534
IS_ROOT = os.geteuid() == 0


def _drop_privileges() -> list[str] | None:
    if not IS_ROOT:
        return []  # already an ordinary user
    if shutil.which("setpriv"):
        return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    if shutil.which("runuser"):
        return ["runuser", "-u", "nobody", "--"]
    return None


AS_USER = _drop_privileges()
USER = NOBODY if IS_ROOT else os.getuid()
GROUP = NOBODY if IS_ROOT else os.getgid()

pytestmark = pytest.mark.skipif(AS_USER is None, reason="needs setpriv or runuser to drop root")


@pytest.fixture
def base() -> Iterator[Path]:
    """A fresh folder in /tmp that the ordinary user can traverse (tmp_path may be 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="careerdash-perm-", dir="/tmp"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o700)
        shutil.rmtree(folder)


def run_as_user(base: Path, data: Path, *args: str) -> tuple[int, str, str]:
    assert AS_USER is not None
    env = {**os.environ, "CAREERDASH_DATA": str(data), "HOME": str(base),
           "PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([*AS_USER, sys.executable, "-m", "tui", *args], cwd=base, env=env,
                            capture_output=True, encoding="utf-8", timeout=60)
    return result.returncode, result.stdout, result.stderr


@pytest.fixture
def data(base: Path) -> Path:
    """A data file with one step, owned by the ordinary user, in a folder they own."""
    code, out, err = run_as_user(base, base / "probe.json", "--version")
    assert code == 0, f"the unprivileged user cannot run {sys.executable}: {err}"
    path = base / "data" / "careerdash.json"
    store = Store.open(path)
    with store.transaction() as tx:
        actions.add_step(tx, "already there")
    for item in [path.parent, *path.parent.iterdir()]:
        os.chown(item, USER, GROUP)
    return path


def state(folder: Path) -> dict[str, bytes | None]:
    """The folder's files and their bytes (a lock file's holder stamp aside)."""
    return {p.name: (p.read_bytes() if p.is_file() and p.suffix != ".lock" else None)
            for p in sorted(folder.iterdir())}


def assert_clean_failure(result: tuple[int, str, str], *expected: str) -> None:
    code, out, err = result
    assert code == 1
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("careerdash: error: ")
    for text in expected:
        assert text in lines[0]
    assert out == ""


def test_a_file_the_user_cannot_read_is_a_clear_error(base: Path, data: Path) -> None:
    data.chmod(0o000)
    before = state(data.parent)
    for command in (["list"], ["add", "x"], ["check"]):
        assert_clean_failure(run_as_user(base, data, *command), str(data), "cannot be read")
    assert state(data.parent) == before


@pytest.mark.parametrize("lock_file", ["with a lock file", "without a lock file"])
def test_a_read_only_folder_makes_add_fail_cleanly(
    base: Path, data: Path, lock_file: str
) -> None:
    if lock_file == "without a lock file":
        (data.parent / (data.name + ".lock")).unlink()
    data.parent.chmod(0o500)
    before = state(data.parent)
    assert_clean_failure(run_as_user(base, data, "add", "x"), "Permission denied")
    assert_clean_failure(run_as_user(base, data, "done", "1"), "Permission denied")
    assert state(data.parent) == before
    code, out, err = run_as_user(base, data, "list")  # reading still works
    assert (code, err) == (0, "")
    assert "already there" in out


def test_a_data_folder_that_cannot_be_created_fails_cleanly(base: Path, data: Path) -> None:
    locked = base / "locked"
    locked.mkdir(mode=0o755)
    os.chown(locked, USER, GROUP)
    locked.chmod(0o555)
    target = locked / "careerdash" / "careerdash.json"
    assert_clean_failure(run_as_user(base, target, "add", "x"), "cannot create the data folder")
    assert list(locked.iterdir()) == []
    code, out, err = run_as_user(base, target, "list")
    assert (code, out, err) == (0, "", "")


def test_a_data_folder_the_user_cannot_enter_is_a_clear_error(base: Path, data: Path) -> None:
    data.parent.chmod(0o000)
    assert_clean_failure(run_as_user(base, data, "list"), str(data))
