"""The whole plan as careerdash JSON: the data file's own format, so an export is a data file."""

from __future__ import annotations

import re

from pydantic import ValidationError

from tui.domain.document import Document
from tui.domain.errors import describe
from tui.domain.models import SCHEMA_VERSION
from tui.exports import FormatError
from tui.store.store import encode, from_tables, parse_tables, to_tables, upgrade

# JSON leaves DEL, C1 controls and bidi overrides raw; as \u escapes they mean the same
# to any JSON reader but can do nothing to a terminal the export is printed on.
_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(json_text: str) -> str:
    """`json_text` with characters a terminal could act on written as \\u escapes."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", json_text)


def document_json(doc: Document) -> str:
    """The document exactly as the store writes it to its file."""
    return terminal_safe(encode(to_tables(doc)).decode())


def read_document_json(data: bytes) -> Document:
    """Read a careerdash JSON export (or data file), migrating an older schema forward.

    It goes through the same parsing, migrations and validation as a data file the store
    opens; a newer schema version is refused rather than shown read-only.
    """
    try:
        tables, version = parse_tables(data)
        if version > SCHEMA_VERSION:
            raise FormatError(
                f"it was written by a newer careerdash (schema version {version}, this one"
                f" reads up to {SCHEMA_VERSION}); update careerdash to import it")
        return from_tables(upgrade(tables, version))
    except ValidationError as error:
        raise FormatError(describe(error)) from None
    except FormatError:
        raise
    except ValueError as error:
        raise FormatError(str(error)) from None
