"""Theme files: each built-in one loads; a broken one is reported by file and field and
skipped; `--theme` on the command line is checked before anything is touched."""

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.color import Color
from textual.theme import BUILTIN_THEMES, Theme

from tui.cli import check_theme
from tui.themes import (
    COLOUR_FIELDS,
    DEFAULT_THEME,
    load_theme,
    load_themes,
    theme_folders,
    theme_names,
    variable_problem,
)

Cli = Callable[..., tuple[int, str, str]]  # the `cli` fixture of tests/conftest.py
THEMES = Path(__file__).resolve().parents[2] / "themes"
OURS = sorted(THEMES.glob("*.toml"))


@pytest.mark.parametrize("path", OURS, ids=lambda p: p.name)
def test_every_theme_file_loads(path: Path) -> None:
    theme = load_theme(path)
    assert isinstance(theme, Theme)
    assert theme.name == path.stem


def test_the_four_themes_ship() -> None:
    themes, problems = load_themes([THEMES])
    assert problems == []
    assert {theme.name for theme in themes} >= {
        DEFAULT_THEME, "careerdash-light", "careerdash-high-contrast", "careerdash-ansi"}


def test_the_ansi_theme_uses_only_the_terminals_colours() -> None:
    theme = load_theme(THEMES / "careerdash-ansi.toml")
    assert theme.ansi
    colours = [getattr(theme, field) for field in COLOUR_FIELDS]
    colours += [value for key, value in theme.variables.items()
                if "style" not in key.split("-")]
    for value in colours:
        assert value is not None
        word = value.split()[0]
        assert word == "transparent" or Color.parse(word).ansi is not None, value
    # ...and every colour Textual works out from it is the terminal's own too
    generated = theme.to_color_system().generate()
    for name in ("primary", "error", "success", "warning", "foreground", "background",
                 "block-cursor-background", "border", "footer-key-foreground"):
        word = generated[name].split()[0]
        assert word in ("transparent", "auto") or Color.parse(word).ansi is not None, name


def test_an_ansi_theme_defines_what_textuals_css_needs() -> None:
    """Textual leaves four variables out of an ANSI theme; its own CSS refers to one
    ($ansi-background), so without them the stylesheet does not parse."""
    ansi = load_theme(THEMES / "careerdash-ansi.toml")
    plain = load_theme(THEMES / "careerdash.toml")
    needed = set(plain.to_color_system().generate())
    have = set(ansi.to_color_system().generate()) | set(ansi.variables)
    assert needed - have == set()


def test_the_high_contrast_theme_reads_at_seven_to_one() -> None:
    theme = load_theme(THEMES / "careerdash-high-contrast.toml")
    background = Color.parse(theme.background or "")
    for value in (theme.foreground, theme.primary, theme.error, theme.warning,
                  theme.success, theme.variables["text-muted"]):
        assert _contrast(Color.parse(value or ""), background) >= 7, value
    cursor = (Color.parse(theme.variables["block-cursor-foreground"]),
              Color.parse(theme.variables["block-cursor-background"]))
    assert _contrast(*cursor) >= 7


def _contrast(a: Color, b: Color) -> float:
    def luminance(c: Color) -> float:
        parts = [x / 255 for x in c.rgb]
        lin = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in parts]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('name = "x"\nprimary = "not-a-colour"\n', "primary: 'not-a-colour' is not a colour"),
        ('name = "x"\n', "primary: is required"),
        ("name = [", "not valid TOML: Invalid value (at the end, line 1)"),
        ('name = "x"\nprimary = #fff\n', "not valid TOML: Invalid value (at line 2, column 11)"),
        ('name = "x"\nprimary = "#fff"\nsparkle = true\n', "sparkle: Extra inputs are not"),
        ('name = "x"\nprimary = "#fff"\ndark = "very"\n', "dark: Input should be a valid bool"),
        ('name = "x"\nprimary = 5\n', "primary: Input should be a valid string"),
        ('name = "x y"\nprimary = "#fff"\n', "name: String should match pattern"),
        ('name = "x\\n"\nprimary = "#fff"\n', "name: String should match pattern"),
        (f'name = "{"x" * 61}"\nprimary = "#fff"\n', "name: String should have at most 60"),
        ('name = 7\nprimary = "#fff"\n', "name: Input should be a valid string"),
        ('primary = "#fff"\nansi = 1\n', "ansi: Input should be a valid boolean"),
        ('primary = "#fff"\naccent = 5\n', "accent: Input should be a valid string"),
        ('primary = "#fff"\nboost = "bluish"\n', "boost: 'bluish' is not a colour"),
        ('name = "x y"\ndark = 2\nprimary = 5\nfoo = 1\nbar = 2\n',
         ("name: String should match pattern '^[A-Za-z0-9][A-Za-z0-9_-]*$'; "
          "dark: Input should be a valid boolean; primary: Input should be a valid string "
          "(and 2 more)")),
        ('primary = "#fff"\n[variables]\nborder = "bluish"\n',
         "variables.border: 'bluish' is not a colour"),
        ('primary = "#fff"\n[variables]\nborder = 3\n',
         "variables.border: Input should be a valid string"),
        ('primary = "#fff"\n[variables]\nblock-cursor-text-style = "loud"\n',
         "variables.block-cursor-text-style: 'loud' is not a text style"),
        ('primary = "#fff"\nvariables = "red"\n', "variables: Input should be a valid dict"),
    ],
)
def test_a_broken_theme_is_named_and_skipped(tmp_path: Path, text: str, expected: str) -> None:
    (tmp_path / "broken.toml").write_text(text)
    (tmp_path / "fine.toml").write_text('name = "fine"\nprimary = "#336699"\n')
    themes, problems = load_themes([tmp_path])
    assert [theme.name for theme in themes] == ["fine"]
    assert len(problems) == 1
    assert problems[0].startswith(f"{tmp_path / 'broken.toml'}: ")
    assert expected in problems[0]


@pytest.mark.parametrize(("key", "value"), [
    ("border", "#4f9cd9 40%"), ("text-muted", "auto 60%"), ("panel", "ansi_default"),
    ("link-background", "initial"), ("surface", "transparent"), ("border", "ansi_blue 50%"),
    ("link-style-hover", "bold not underline"), ("button-focus-text-style", "b reverse"),
])
def test_the_variable_values_textual_uses_are_accepted(key: str, value: str) -> None:
    assert variable_problem(key, value) is None


def test_every_variable_of_textuals_own_themes_would_load() -> None:
    for theme in BUILTIN_THEMES.values():
        generated = {**theme.to_color_system().generate(), **theme.variables}
        problems = {k: variable_problem(k, v) for k, v in generated.items()}
        assert {k: p for k, p in problems.items() if p} == {}, theme.name


def test_a_file_without_a_name_is_named_after_itself(tmp_path: Path) -> None:
    (tmp_path / "ocean.toml").write_text('primary = "#3a86c8"\n')
    assert load_theme(tmp_path / "ocean.toml").name == "ocean"


def test_what_a_file_leaves_out_takes_the_defaults(tmp_path: Path) -> None:
    (tmp_path / "ocean.toml").write_text(f'name = "{"o" * 60}"\nprimary = "#3a86c8"\n')
    theme = load_theme(tmp_path / "ocean.toml")
    assert (theme.name, theme.dark, theme.ansi, theme.accent, theme.variables) == (
        "o" * 60, True, False, None, {})


def test_a_later_folder_overrides_a_theme_of_the_same_name(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "careerdash.toml").write_text('name = "careerdash"\nprimary = "#123456"\n')
    themes, _ = load_themes([THEMES, mine])
    chosen = next(theme for theme in themes if theme.name == DEFAULT_THEME)
    assert chosen.primary == "#123456"


def test_the_persons_folder_comes_last_and_follows_xdg(tmp_path: Path) -> None:
    folders = theme_folders({"XDG_CONFIG_HOME": str(tmp_path)})
    assert folders[-1] == tmp_path / "careerdash" / "themes"
    assert THEMES in folders


def test_names_put_the_default_first_and_textuals_last() -> None:
    themes, _ = load_themes([THEMES])
    names = theme_names(themes)
    assert names[0] == DEFAULT_THEME
    assert names[1:4] == ["careerdash-ansi", "careerdash-high-contrast", "careerdash-light"]
    assert set(names[4:]) == set(BUILTIN_THEMES)


# --- --theme on the command line ---------------------------------------------------------


def test_an_unknown_theme_is_one_line_naming_the_themes(cli: Cli, data_file: Path) -> None:
    code, out, err = cli("--theme", "sparkly")
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("careerdash: error: there is no theme 'sparkly'; the themes are: "
                          "careerdash, careerdash-ansi, careerdash-high-contrast, ")
    assert "nord" in err
    assert not data_file.exists()  # nothing was opened, nothing written


def test_a_broken_theme_asked_for_says_what_is_wrong(tmp_path: Path) -> None:
    folder = tmp_path / "home" / ".config" / "careerdash" / "themes"
    folder.mkdir(parents=True)
    (folder / "ocean.toml").write_text('primary = "#fff"\n[variables]\nborder = "bluish"\n')
    with pytest.raises(Exception, match=r"theme 'ocean' cannot be used: .*ocean\.toml: "
                                        r"variables\.border: 'bluish' is not a colour"):
        check_theme("ocean")


def test_a_persons_own_theme_can_be_asked_for(tmp_path: Path) -> None:
    folder = tmp_path / "home" / ".config" / "careerdash" / "themes"
    folder.mkdir(parents=True)
    (folder / "ocean.toml").write_text('primary = "#3a86c8"\n')
    assert check_theme("ocean") == "ocean"
    assert check_theme("nord") == "nord"
