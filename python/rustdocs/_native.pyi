"""Type stubs of the native module; the public API is re-exported by ``rustdocs``.

Results are plain tuples so the Rust side stays conversion-only: the CLI's JSON text plus the
Python ``str`` offsets (``(start, end)``) of every entity, section and diagnostic, in the
order of the JSON arrays.
"""

__all__ = [
    "parse",
    "parse_many",
    "find_datetimes",
    "find_venues",
    "find_loc",
    "find_releases",
    "RustdocsError",
    "FrontMatterError",
    "DocumentTooLargeError",
    "__version__",
]

__version__: str

class RustdocsError(ValueError):
    """Base class of every rustdocs error."""

    line: int | None
    column: int | None
    path: str | None
    kind: str | None

class FrontMatterError(RustdocsError):
    """The front matter does not parse; ``.line``, ``.column`` and ``.path`` say where, ``.kind`` what."""

class DocumentTooLargeError(RustdocsError):
    """The document exceeds the size limit."""

_StrRange = tuple[int, int]
_DiagnosticRanges = tuple[int, int, list[_StrRange]]
# (json, entity ranges, section ranges, diagnostic ranges, source read from a path or None)
_Parsed = tuple[str, list[_StrRange], list[_StrRange], list[_DiagnosticRanges], str | None]
# (exception class name, message, line, column, front-matter error kind code)
_Failure = tuple[str, str, int | None, int | None, str | None]

def parse(
    text: str, path: str | None = None, reference_date: str | None = None, kinds: str | None = None
) -> _Parsed:
    """Analyzes one document; returns `(json, entity_ranges, section_ranges, diagnostic_ranges, None)`."""

def parse_many(
    items: list[tuple[bool, str]],
    threads: int | None = None,
    reference_date: str | None = None,
    kinds: str | None = None,
) -> list[tuple[_Parsed | None, _Failure | None]]:
    """Analyzes many documents in parallel with the GIL released."""

def find_datetimes(
    text: str, reference_date: str | None = None, dotted: bool = False, ignore: list[tuple[int, int]] = ...
) -> str:
    """Datetimes in one string (a prose run): JSON matches."""

def find_venues(text: str) -> str:
    """Venues in one string: JSON matches."""

def find_loc(text: str, heading_path: list[str] = ..., dates: list[tuple[int, int, str | None]] = ...) -> str:
    """Lines-of-code figures in one string, under `heading_path`, given its datetimes: JSON matches."""

def find_releases(
    text: str, heading_path: list[str] = ..., dates: list[tuple[int, int, str | None]] = ...
) -> str:
    """Releases in one string, under `heading_path`, given its datetimes: JSON matches."""
