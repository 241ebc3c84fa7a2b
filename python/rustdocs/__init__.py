"""rustdocs: Chinese technical Markdown to structured, validated data.

>>> import rustdocs
>>> doc = rustdocs.parse("**时间：** 2023 年 4 月 8 日 14:00\\n")
>>> [(e.kind, e.text, e.value["start"]) for e in doc.datetimes]
[('datetime', '2023 年 4 月 8 日 14:00', '2023-04-08T14:00')]

All extraction runs in Rust (``rustdocs._native``); this module only wraps its results in
typed, immutable Python objects. ``Entity.start``/``end`` are ``str`` offsets, so
``text[e.start:e.end] == e.text`` always holds; byte offsets are kept as ``byte_start``/``byte_end``.
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import os
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence, Union

from . import _native
from ._model import KINDS, Diagnostic, Document, Entity, Related, Section
from ._native import DocumentTooLargeError, FrontMatterError, RustdocsError

__all__ = [
    "KINDS",
    "Diagnostic",
    "Document",
    "DocumentTooLargeError",
    "Entity",
    "FrontMatterError",
    "Match",
    "Related",
    "RustdocsError",
    "Section",
    "__version__",
    "find_datetimes",
    "find_loc",
    "find_releases",
    "find_venues",
    "parse",
    "parse_file",
    "parse_many",
    "to_pandas",
    "to_polars",
]

__version__: str = _native.__version__

_ERRORS: dict[str, type[RustdocsError]] = {
    "FrontMatterError": FrontMatterError,
    "DocumentTooLargeError": DocumentTooLargeError,
    "RustdocsError": RustdocsError,
}

# Every rustdocs exception answers `.line`, `.column`, `.path` and `.kind`, even one raised
# by hand; the native side sets them on the instance when it knows them.
for _cls in _ERRORS.values():
    for _attr in ("line", "column", "path", "kind"):
        setattr(_cls, _attr, None)
del _cls, _attr


def _reference(value: _dt.date | str | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    raise TypeError(f"reference_date must be a datetime.date, an ISO date string or None, not {type(value).__name__}")


@dataclass(frozen=True)
class Match:
    """A recognizer's match in a plain string: ``text[m.start:m.end] == m.text``."""

    text: str
    start: int
    end: int
    byte_start: int
    byte_end: int
    value: Mapping[str, Any]

    def __hash__(self) -> int:
        return hash((self.byte_start, self.byte_end, self.text))


def _matches(json_text: str) -> list[Match]:
    return [Match(**m) for m in _json.loads(json_text)]


def _check_str(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    return text


def find_datetimes(
    text: str,
    reference_date: _dt.date | str | None = None,
    dotted: bool = False,
    ignore: Iterable[tuple[int, int]] = (),
) -> list[Match]:
    """Datetimes in one plain string (no Markdown), resolved against ``reference_date``.

    ``dotted`` reads a bare ``4.8`` as April 8 (as in titles); ``ignore`` lists ``str``
    ranges where nothing may match (inline code).
    """
    return _matches(_native.find_datetimes(_check_str(text), _reference(reference_date), dotted, list(ignore)))


def find_venues(text: str) -> list[Match]:
    """Venues and addresses in one plain string."""
    return _matches(_native.find_venues(_check_str(text)))


def _date_refs(dates: Iterable[Match | tuple[int, int, str | None]]) -> list[tuple[int, int, str | None]]:
    refs = []
    for d in dates:
        if isinstance(d, Match):
            refs.append((d.start, d.end, d.value.get("start")))
        else:
            start, end, iso = d
            refs.append((start, end, iso))
    return refs


def find_loc(
    text: str,
    heading_path: Sequence[str] = (),
    dates: Iterable[Match | tuple[int, int, str | None]] = (),
) -> list[Match]:
    """Lines-of-code figures in one plain string, attributed using the enclosing headings.

    ``dates`` are the string's datetimes: ``find_datetimes`` matches or ``(start, end, iso)``.
    """
    return _matches(_native.find_loc(_check_str(text), list(heading_path), _date_refs(dates)))


def find_releases(
    text: str,
    heading_path: Sequence[str] = (),
    dates: Iterable[Match | tuple[int, int, str | None]] = (),
) -> list[Match]:
    """Software releases in one plain string, dated by ``dates`` (see :func:`find_loc`)."""
    return _matches(_native.find_releases(_check_str(text), list(heading_path), _date_refs(dates)))


def _kinds(kinds: Iterable[str] | None) -> str | None:
    if kinds is None:
        return None
    if isinstance(kinds, str):
        return kinds
    return ",".join(kinds)


def parse(
    text: str,
    path: str | os.PathLike[str] | None = None,
    reference_date: _dt.date | str | None = None,
    kinds: Iterable[str] | None = None,
) -> Document:
    """Analyzes one Markdown document given as text.

    ``path`` is reported in output and used for a path date (``2023-04-05-meetup/``);
    ``reference_date`` resolves relative expressions (otherwise the front matter's date, the
    path, then a countdown are tried, never the clock); ``kinds`` limits extraction to some of
    ``datetime``, ``venue``, ``loc``, ``release``.

    Raises ``FrontMatterError`` (a ``ValueError``) with ``.line``, ``.column``, ``.path`` and
    ``.kind`` when the front matter does not parse, ``DocumentTooLargeError`` over the size
    limit, ``TypeError``/``ValueError`` on bad arguments.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    path_str = None if path is None else os.fspath(path)
    json_text, entities, sections, diagnostics, _ = _native.parse(
        text, path_str, _reference(reference_date), _kinds(kinds)
    )
    return Document(json_text, text, entities, sections, diagnostics)


def parse_file(
    path: str | os.PathLike[str],
    reference_date: _dt.date | str | None = None,
    kinds: Iterable[str] | None = None,
) -> Document:
    """Reads and analyzes one Markdown file (UTF-8); ``OSError`` if it cannot be read."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    return parse(text, path=path, reference_date=reference_date, kinds=kinds)


def parse_many(
    texts_or_paths: Iterable[Union[str, "os.PathLike[str]"]],
    threads: int | None = None,
    reference_date: _dt.date | str | None = None,
    kinds: Iterable[str] | None = None,
) -> list[Document | RustdocsError]:
    """Analyzes many documents in parallel on Rust threads, with the GIL released.

    ``str`` items are document texts; ``os.PathLike`` items (``pathlib.Path``) are files that
    Rust reads. ``threads=None`` uses every core. Results come back in input order; a
    document that fails (bad front matter, unreadable file) becomes its exception object in
    the list — with ``.line``, ``.column``, ``.path`` and ``.kind`` — and the others still
    return. Safe to call from several Python threads at once.
    """
    items: list[tuple[bool, str]] = []
    for i, item in enumerate(texts_or_paths):
        if isinstance(item, str):
            items.append((False, item))
        elif isinstance(item, os.PathLike):
            items.append((True, os.fspath(item)))
        else:
            raise TypeError(f"texts_or_paths[{i}] must be str or os.PathLike, not {type(item).__name__}")
    if threads is not None and (not isinstance(threads, int) or isinstance(threads, bool) or threads < 1):
        raise ValueError(f"threads must be a positive int or None, not {threads!r}")
    out: list[Document | RustdocsError] = []
    results = _native.parse_many(items, threads, _reference(reference_date), _kinds(kinds))
    for (is_path, item), (parsed, failure) in zip(items, results):
        if parsed is not None:
            json_text, entities, sections, diagnostics, source = parsed
            out.append(Document(json_text, item if source is None else source, entities, sections, diagnostics))
        elif failure is not None:
            cls, message, line, column, kind = failure
            err = _ERRORS.get(cls, RustdocsError)(message)
            err.line, err.column, err.path, err.kind = line, column, (item if is_path else None), kind
            out.append(err)
    return out


_BASE_COLUMNS = (
    "document",
    "path",
    "kind",
    "section",
    "text",
    "start",
    "end",
    "line",
    "column",
    "byte_start",
    "byte_end",
)


def _columns(docs: Document | Iterable[Document | BaseException], kind: str | None) -> dict[str, list[Any]]:
    """Column-wise rows for ``to_pandas``/``to_polars``: one per entity, value fields last.

    A value field whose name is already a column (a datetime's ``start``/``end``) is named
    ``value_<field>``.
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)} or None, not {kind!r}")
    if isinstance(docs, Document):
        docs = [docs]
    rows: list[dict[str, Any]] = []
    value_columns: dict[str, None] = {}
    for index, doc in enumerate(docs):
        if isinstance(doc, BaseException):
            continue  # a failed document of a parse_many batch has no entities
        if not isinstance(doc, Document):
            raise TypeError(f"docs[{index}] must be a rustdocs.Document, not {type(doc).__name__}")
        for e in doc.entities:
            if kind is not None and e.kind != kind:
                continue
            row: dict[str, Any] = {
                "document": index,
                "path": doc.path,
                "kind": e.kind,
                "section": " > ".join(e.section),
                "text": e.text,
                "start": e.start,
                "end": e.end,
                "line": e.line,
                "column": e.column,
                "byte_start": e.byte_start,
                "byte_end": e.byte_end,
            }
            for key, value in e.value.items():
                name = f"value_{key}" if key in _BASE_COLUMNS else key
                value_columns.setdefault(name, None)
                row[name] = list(value) if isinstance(value, tuple) else value
            rows.append(row)
    names = [*_BASE_COLUMNS, *value_columns]
    return {name: [row.get(name) for row in rows] for name in names}


def to_pandas(docs: Document | Iterable[Document | BaseException], kind: str | None = None) -> Any:
    """A ``pandas.DataFrame`` with one row per entity (needs the ``pandas`` extra).

    Columns: ``document`` (index in ``docs``), ``path``, ``kind``, ``section`` (heading path
    joined by `` > ``), ``text``, ``start``/``end`` (``str`` offsets), ``line``, ``column``,
    ``byte_start``/``byte_end``, then the value's fields (a datetime's ``start``/``end`` as
    ``value_start``/``value_end``). ``kind`` keeps one entity kind. Exceptions in ``docs``
    (failed ``parse_many`` entries) are skipped.
    """
    try:
        import pandas as pd  # type: ignore[import-untyped,unused-ignore]
    except ImportError as exc:
        raise ImportError(
            "rustdocs.to_pandas needs pandas, which is not installed: pip install 'rustdocs[pandas]'"
        ) from exc
    return pd.DataFrame(_columns(docs, kind))


def to_polars(docs: Document | Iterable[Document | BaseException], kind: str | None = None) -> Any:
    """A ``polars.DataFrame`` with one row per entity (needs the ``polars`` extra).

    The columns are those of :func:`to_pandas`.
    """
    try:
        import polars as pl
    except ImportError as exc:
        raise ImportError(
            "rustdocs.to_polars needs polars, which is not installed: pip install 'rustdocs[polars]'"
        ) from exc
    return pl.DataFrame(_columns(docs, kind), strict=False)
