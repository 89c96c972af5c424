"""Theme files: each built-in one loads; a broken one is reported by name and skipped."""

from pathlib import Path

import pytest
from textual.theme import Theme

from tui.themes import DEFAULT_THEME, load_theme, load_themes

THEMES = Path(__file__).resolve().parents[2] / "themes"


@pytest.mark.parametrize("path", sorted(THEMES.glob("*.toml")), ids=lambda p: p.name)
def test_every_theme_file_loads(path: Path) -> None:
    theme = load_theme(path)
    assert isinstance(theme, Theme)
    assert theme.name == path.stem


def test_the_default_theme_ships() -> None:
    themes, problems = load_themes([THEMES])
    assert problems == []
    assert DEFAULT_THEME in {theme.name for theme in themes}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('name = "x"\nprimary = "not-a-colour"\n', "is not a colour"),
        ('name = "x"\n', "primary"),
        ("name = [", "Invalid value"),
        ('name = "x"\nprimary = "#fff"\nsparkle = true\n', "sparkle"),
    ],
)
def test_a_broken_theme_is_named_and_skipped(tmp_path: Path, text: str, expected: str) -> None:
    (tmp_path / "broken.toml").write_text(text)
    (tmp_path / "fine.toml").write_text('name = "fine"\nprimary = "#336699"\n')
    themes, problems = load_themes([tmp_path])
    assert [theme.name for theme in themes] == ["fine"]
    assert len(problems) == 1
    assert str(tmp_path / "broken.toml") in problems[0]
    assert expected in problems[0]


def test_a_later_folder_overrides_a_theme_of_the_same_name(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "careerdash.toml").write_text('name = "careerdash"\nprimary = "#123456"\n')
    themes, _ = load_themes([THEMES, mine])
    chosen = next(theme for theme in themes if theme.name == DEFAULT_THEME)
    assert chosen.primary == "#123456"
