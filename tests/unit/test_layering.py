"""The layering rules of STYLE.md, checked by import-linter's contracts in pyproject.toml."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_hold() -> None:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is part of the test extra"
    result = subprocess.run([lint, "--config", str(ROOT / "pyproject.toml")], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_command_line_does_not_load_textual() -> None:
    code = "import sys, tui.cli; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


def test_reading_themes_does_not_load_pydantic() -> None:
    """The first frame needs the theme files but not pydantic (about 90 ms to import)."""
    code = ("import sys, tui.themes as t; t.load_themes(t.theme_folders()); "
            "print(sorted(name for name in sys.modules if name.startswith('pydantic')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


# Start-up pays only for what the first screen needs: the other screens (and the plots with
# them) load when first shown. Run in a fresh interpreter: the test session has them all.
FIRST_SCREEN_ONLY = """
import asyncio, sys, tempfile
from pathlib import Path
from tui.app import CareerApp
from tui.store import Store

async def main() -> None:
    app = CareerApp(Store.open(Path(tempfile.mkdtemp()) / "plan.json"))
    async with app.run_test() as pilot:
        await pilot.pause()
        print(type(app.screen).__name__)
        print(" ".join(sorted(name for name in sys.modules
                              if name.startswith(("tui.screens.", "plotext", "textual_plotext")))))
        await pilot.press("5")
        print(type(app.screen).__name__, "plotext" in sys.modules)

asyncio.run(main())
"""


def test_a_start_loads_only_the_first_screen() -> None:
    result = subprocess.run([sys.executable, "-c", FIRST_SCREEN_ONLY], capture_output=True,
                            text=True, check=True)
    first, loaded, later = result.stdout.splitlines()
    assert first == "TodayScreen"
    assert set(loaded.split()) <= {"tui.screens.base", "tui.screens.form", "tui.screens.help",
                                   "tui.screens.log_forms", "tui.screens.step_form",
                                   "tui.screens.today", "tui.screens.too_small"}
    assert later == "ProgressScreen True"  # loaded on the first visit
