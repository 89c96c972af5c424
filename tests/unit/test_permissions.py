"""File permissions as an ordinary user sees them: refused reads and writes fail cleanly.

Root ignores file modes, so when the tests run as root the command runs as `nobody`
(uid 65534) through setpriv or runuser; run as anyone else, it runs as that user.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui import actions
from tui.store import Store, StoreError, storage

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


# --- read-only, someone else's, linked elsewhere, open to others (the faults suite) -------


def assert_failure_after_warnings(result: tuple[int, str, str], *expected: str) -> None:
    """A clean failure, after the warnings a file others can read draws."""
    code, out, err = result
    *warnings, error = err.splitlines()
    assert all(w.startswith("careerdash: warning: ") for w in warnings), err
    assert_clean_failure((code, out, error + "\n"), *expected)


def folder_state(folder: Path) -> dict[str, bytes | None]:
    """Every file under `folder` and its bytes (a lock file's holder stamp aside)."""
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() and p.suffix != ".lock"
                                         else None)
            for p in sorted(folder.rglob("*"))}


@pytest.mark.faults
def test_a_read_only_file_is_never_replaced(base: Path, data: Path) -> None:
    data.chmod(0o400)  # in a folder the user can write: a rename would take the file over
    before = folder_state(data.parent)
    for command in (["add", "x"], ["done", "1"]):
        assert_clean_failure(run_as_user(base, data, *command), str(data),
                             "is read-only (mode 0400)", f"chmod 600 {data}")
    assert folder_state(data.parent) == before  # not even a backup
    assert stat.S_IMODE(data.stat().st_mode) == 0o400
    code, out, err = run_as_user(base, data, "list")
    assert (code, err) == (0, "") and "already there" in out


@pytest.mark.faults
@pytest.mark.skipif(not IS_ROOT, reason="only root can give a file to another user")
def test_a_file_owned_by_someone_else_is_never_taken_over(base: Path, data: Path) -> None:
    os.chown(data, 0, 0)
    data.chmod(0o644)  # the user may read it, in their own folder, but not write it
    before = folder_state(data.parent)
    assert_failure_after_warnings(run_as_user(base, data, "add", "x"), str(data),
                                  "belongs to another user (uid 0, mode 0644)")
    assert folder_state(data.parent) == before
    assert data.stat().st_uid == 0


@pytest.mark.faults
def test_a_data_path_linked_elsewhere_is_written_where_it_points(
    base: Path, data: Path
) -> None:
    link = base / "link"
    link.mkdir()
    os.chown(link, USER, GROUP)
    (link / "careerdash.json").symlink_to(data)  # a plan kept in a synced folder, say
    code, out, err = run_as_user(base, link / "careerdash.json", "add", "through the link")
    assert (code, err) == (0, "")
    assert (link / "careerdash.json").is_symlink(), "the link is still a link"
    assert [p.name for p in link.iterdir()] == ["careerdash.json"]  # no lock, no backups
    titles = [s.title for s in Store.open(data).document.steps.values()]
    assert titles == ["already there", "through the link"]
    code, out, err = run_as_user(base, link / "careerdash.json", "check")
    assert code == 0 and out.startswith(f"{data}:"), "check names the file really used"


@pytest.mark.faults
@pytest.mark.skipif(not IS_ROOT, reason="only root can make a folder the user cannot write")
def test_a_link_to_a_file_the_user_cannot_write_names_that_file(
    base: Path, data: Path
) -> None:
    elsewhere = base / "elsewhere"
    elsewhere.mkdir(mode=0o755)  # root's folder, and root's file the user may only read
    (elsewhere / "plan.json").write_bytes(data.read_bytes())
    (elsewhere / "plan.json").chmod(0o644)
    data.unlink()
    data.symlink_to(elsewhere / "plan.json")
    assert_failure_after_warnings(run_as_user(base, data, "add", "x"),
                                  str(elsewhere / "plan.json.lock"), "Permission denied")
    assert sorted(p.name for p in elsewhere.iterdir()) == ["plan.json"]


@pytest.mark.faults
@pytest.mark.parametrize("mode", [0o770, 0o1777], ids=["group-writable", "like /tmp"])
def test_a_folder_others_can_write_draws_one_warning_line(
    base: Path, data: Path, mode: int
) -> None:
    data.parent.chmod(mode)
    code, out, err = run_as_user(base, data, "add", "still works")
    assert code == 0 and out.startswith("Added #")
    [line] = err.splitlines()
    assert line == (f"careerdash: warning: {data.parent}: the data folder is open to other"
                    f" users (mode {mode:04o}); fix it with: chmod 700 {data.parent}")


@pytest.mark.faults
def test_a_symlink_planted_at_the_temporary_name_is_never_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "data" / "careerdash.json"
    store = Store.open(path)
    with store.transaction() as tx:
        actions.add_step(tx, "already there")
    before = path.read_bytes()
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    planted = path.with_name(f".{path.name}.{os.getpid()}.1.tmp")  # a live writer's name
    planted.symlink_to(victim)  # someone who can write the folder guessed the name
    monkeypatch.setattr(storage, "temp_path", lambda target: planted)

    with pytest.raises(StoreError, match="could not save"):
        with store.transaction() as tx:
            actions.add_step(tx, "never written through the link")
    assert victim.read_bytes() == b"precious"
    assert path.read_bytes() == before and not path.is_symlink()
    monkeypatch.undo()
    with store.transaction() as tx:
        actions.add_step(tx, "the next write")
    assert [s.title for s in Store.open(path).document.steps.values()] == [
        "already there", "the next write"]
