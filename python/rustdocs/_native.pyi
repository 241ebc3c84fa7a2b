"""Type stubs of the native module; the public API is re-exported by ``rustdocs``."""

__version__: str

class RustdocsError(ValueError):
    """Base class of every rustdocs error."""

    line: int | None
    column: int | None
    path: str | None

class FrontMatterError(RustdocsError):
    """The front matter does not parse; ``.line``, ``.column`` and ``.path`` say where."""

class DocumentTooLargeError(RustdocsError):
    """The document exceeds the size limit."""

_Parsed = tuple[str, list[tuple[int, int]], list[tuple[int, int]]]
_Failure = tuple[str, str, int | None, int | None]

def parse(
    text: str, path: str | None = None, reference_date: str | None = None, kinds: str | None = None
) -> _Parsed: ...
def parse_many(
    items: list[tuple[bool, str]],
    threads: int | None = None,
    reference_date: str | None = None,
    kinds: str | None = None,
) -> list[tuple[_Parsed | None, _Failure | None]]: ...
def find_datetimes(
    text: str, reference_date: str | None = None, dotted: bool = False, ignore: list[tuple[int, int]] = ...
) -> str: ...
def find_venues(text: str) -> str: ...
def find_loc(
    text: str, heading_path: list[str] = ..., dates: list[tuple[int, int, str | None]] = ...
) -> str: ...
def find_releases(
    text: str, heading_path: list[str] = ..., dates: list[tuple[int, int, str | None]] = ...
) -> str: ...
