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
from ._native import DocumentTooLargeError, FrontMatterError, RustdocsError

__all__ = [
    "Document",
    "DocumentTooLargeError",
    "Entity",
    "FrontMatterError",
    "Match",
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
]

__version__: str = _native.__version__

KINDS = ("datetime", "venue", "loc", "release")

_ERRORS = {
    "FrontMatterError": FrontMatterError,
    "DocumentTooLargeError": DocumentTooLargeError,
    "RustdocsError": RustdocsError,
}


@dataclass(frozen=True)
class Section:
    """A heading and the part of the document it opens."""

    level: int
    title: str
    start: int
    end: int
    line: int
    column: int
    parent: int | None


@dataclass(frozen=True)
class Entity:
    """One extracted fact: a datetime, venue, lines-of-code figure or release."""

    kind: str
    text: str
    start: int
    end: int
    line: int
    column: int
    section: tuple[str, ...]
    value: Mapping[str, Any]
    byte_start: int
    byte_end: int

    def __hash__(self) -> int:
        return hash((self.kind, self.byte_start, self.byte_end, self.text))

    @property
    def date(self) -> _dt.date | None:
        """The start day as a ``datetime.date`` when the grain is a day or finer."""
        iso = self.value.get("start") if self.kind == "datetime" else self.value.get("date")
        if isinstance(iso, str) and len(iso) >= 10:
            try:
                return _dt.date.fromisoformat(iso[:10])
            except ValueError:
                return None
        return None

    @property
    def lines(self) -> int | None:
        """The number of lines of a ``loc`` entity."""
        value = self.value.get("lines")
        return value if isinstance(value, int) else None

    @property
    def version(self) -> str | None:
        """The version of a ``release`` entity."""
        value = self.value.get("version")
        return value if isinstance(value, str) else None


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


class Document:
    """Everything rustdocs found in one Markdown document."""

    __slots__ = ("_json", "_data", "_entity_offsets", "_section_offsets", "entities", "sections")

    def __init__(self, json_text: str, entity_offsets: Sequence[tuple[int, int]], section_offsets: Sequence[tuple[int, int]]):
        self._json = json_text
        self._data: dict[str, Any] = _json.loads(json_text)
        self._entity_offsets = list(entity_offsets)
        self._section_offsets = list(section_offsets)
        self.entities: tuple[Entity, ...] = tuple(
            Entity(
                kind=e["kind"],
                text=e["text"],
                start=start,
                end=end,
                line=e["span"]["line"],
                column=e["span"]["column"],
                section=tuple(e["section"]),
                value=e["value"],
                byte_start=e["span"]["start"],
                byte_end=e["span"]["end"],
            )
            for e, (start, end) in zip(self._data["entities"], self._entity_offsets)
        )
        self.sections: tuple[Section, ...] = tuple(
            Section(
                level=s["level"],
                title=s["title"],
                start=start,
                end=end,
                line=s["span"]["line"],
                column=s["span"]["column"],
                parent=s["parent"],
            )
            for s, (start, end) in zip(self._data["sections"], self._section_offsets)
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (Document, (self._json, self._entity_offsets, self._section_offsets))

    @property
    def path(self) -> str | None:
        """The path the document was read from, if any."""
        return self._data["path"]

    @property
    def reference_date(self) -> _dt.date | None:
        """The day relative expressions were resolved against."""
        ref = self._data.get("reference")
        return _dt.date.fromisoformat(ref["date"]) if ref else None

    @property
    def front_matter(self) -> dict[str, Any] | None:
        """The front matter as a dict, or ``None`` when the document has none."""
        fm = self._data["front_matter"]
        return _json.loads(_json.dumps(fm["data"])) if fm else None

    @property
    def front_matter_format(self) -> str | None:
        """``"yaml"``, ``"toml"``, ``"json"`` or ``None``."""
        fm = self._data["front_matter"]
        return fm["format"] if fm else None

    def _of(self, kind: str) -> list[Entity]:
        return [e for e in self.entities if e.kind == kind]

    @property
    def datetimes(self) -> list[Entity]:
        """Datetime entities."""
        return self._of("datetime")

    @property
    def venues(self) -> list[Entity]:
        """Venue entities."""
        return self._of("venue")

    @property
    def loc(self) -> list[Entity]:
        """Lines-of-code entities."""
        return self._of("loc")

    @property
    def releases(self) -> list[Entity]:
        """Release entities."""
        return self._of("release")

    @property
    def diagnostics(self) -> list[dict[str, Any]]:
        """Problems the validator found."""
        return _json.loads(_json.dumps(self._data["diagnostics"]))

    def to_dict(self) -> dict[str, Any]:
        """The same structure as ``rustdocs extract --format json`` prints for this document."""
        return _json.loads(self._json)

    def to_json(self) -> str:
        """The document as compact JSON text."""
        return self._json

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={sum(e.kind == k for e in self.entities)}" for k in KINDS)
        return f"<rustdocs.Document path={self.path!r} sections={len(self.sections)} {counts}>"


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


def parse(
    text: str,
    path: str | os.PathLike[str] | None = None,
    reference_date: _dt.date | str | None = None,
    kinds: Iterable[str] | None = None,
) -> Document:
    """Analyzes one Markdown document given as text.

    Raises ``FrontMatterError`` (a ``ValueError``) with ``.line`` and ``.column`` when the
    front matter does not parse.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    kind_list = None if kinds is None else ",".join(kinds)
    path_str = None if path is None else os.fspath(path)
    return Document(*_native.parse(text, path_str, _reference(reference_date), kind_list))


def parse_file(
    path: str | os.PathLike[str],
    reference_date: _dt.date | str | None = None,
    kinds: Iterable[str] | None = None,
) -> Document:
    """Reads and analyzes one Markdown file (UTF-8)."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    return parse(text, path=path, reference_date=reference_date, kinds=kinds)


def parse_many(
    texts_or_paths: Iterable[Union[str, "os.PathLike[str]"]],
    threads: int | None = None,
    reference_date: _dt.date | str | None = None,
    kinds: Iterable[str] | None = None,
) -> list[Document | RustdocsError]:
    """Analyzes many documents in parallel, with the GIL released.

    ``str`` items are document texts; ``os.PathLike`` items (``pathlib.Path``) are files to
    read. A document that fails becomes its exception object in the result list; the others
    still return.
    """
    items: list[tuple[bool, str]] = []
    for i, item in enumerate(texts_or_paths):
        if isinstance(item, str):
            items.append((False, item))
        elif isinstance(item, os.PathLike):
            items.append((True, os.fspath(item)))
        else:
            raise TypeError(f"texts_or_paths[{i}] must be str or os.PathLike, not {type(item).__name__}")
    kind_list = None if kinds is None else ",".join(kinds)
    out: list[Document | RustdocsError] = []
    for (is_path, item), (parsed, failure) in zip(
        items, _native.parse_many(items, threads, _reference(reference_date), kind_list)
    ):
        if parsed is not None:
            out.append(Document(*parsed))
        else:
            cls, message, line, column = failure
            err = _ERRORS.get(cls, RustdocsError)(message)
            err.line, err.column, err.path = line, column, (item if is_path else None)
            out.append(err)
    return out


def to_pandas(docs: Document | Iterable[Document], kind: str | None = None) -> Any:
    """One row per entity: path, kind, section, text, offsets and the value's fields as columns."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("rustdocs.to_pandas needs pandas: pip install 'rustdocs[pandas]'") from exc
    return pd.DataFrame(_rows(docs, kind))


def _rows(docs: Document | Iterable[Document], kind: str | None) -> list[dict[str, Any]]:
    if isinstance(docs, Document):
        docs = [docs]
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    rows = []
    for doc in docs:
        if not isinstance(doc, Document):
            continue
        for e in doc.entities:
            if kind is not None and e.kind != kind:
                continue
            row: dict[str, Any] = {
                "path": doc.path,
                "kind": e.kind,
                "section": " > ".join(e.section),
                "text": e.text,
                "start": e.start,
                "end": e.end,
                "line": e.line,
                "column": e.column,
            }
            row.update(e.value)
            rows.append(row)
    return rows
