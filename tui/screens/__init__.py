"""One screen per file, built on BaseScreen."""
