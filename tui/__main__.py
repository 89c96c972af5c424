"""`python -m tui` runs the careerdash command line."""

from tui.cli import main

raise SystemExit(main())
