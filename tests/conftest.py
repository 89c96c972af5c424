"""Fixtures for every test: files under tmp_path only, a fixed clock, the CLI as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

NOW = "2026-11-23T09:00:00"  # a Monday
CliResult = tuple[int, str, str]
Cli = Callable[..., CliResult]


@pytest.fixture(autouse=True)
def data_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point data, config and home at tmp_path and freeze the time; returns the data path."""
    home = tmp_path / "home"
    home.mkdir()
    data = tmp_path / "data" / "careerdash.json"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("CAREERDASH_DATA", str(data))
    monkeypatch.setenv("CAREERDASH_NOW", NOW)
    return data


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    """Run `python -m tui ARGS` in the test's environment; returns (exit code, stdout, stderr)."""

    def run(*args: str | Path, env: dict[str, str] | None = None,
            timeout: float = 60) -> CliResult:
        result = subprocess.run(
            [sys.executable, "-m", "tui", *map(str, args)],
            capture_output=True, encoding="utf-8", cwd=tmp_path, timeout=timeout,
            env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
        )
        return result.returncode, result.stdout, result.stderr

    return run
