"""The immutable result objects: ``Document``, ``Section``, ``Entity``, ``Diagnostic``.

They wrap what ``rustdocs._native`` returns (the CLI's JSON text plus ``str`` offsets) and hold
no extraction logic. A ``Document`` parses its JSON lazily, so a large ``parse_many`` batch
costs little until its documents are looked at.
"""

from __future__ import annotations

import datetime as _dt
import json as _json
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping, Sequence

KINDS = ("datetime", "venue", "loc", "release")

StrRange = tuple[int, int]
DiagnosticRanges = tuple[int, int, Sequence[StrRange]]


def _freeze(value: Any) -> Any:
    """A read-only copy of a JSON value: dicts become mapping proxies, lists tuples."""
    if isinstance(value, Mapping):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    return value


def _thaw(value: Any) -> Any:
    """The plain JSON value behind a frozen one (for pickling and ``to_dict``)."""
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


def _iso_date(iso: object) -> _dt.date | None:
    # A grain coarser than a day (`2019`, `2019-11`) has no day to report.
    if isinstance(iso, str) and len(iso) >= 10:
        try:
            return _dt.date.fromisoformat(iso[:10])
        except ValueError:
            return None
    return None


@dataclass(frozen=True)
class Section:
    """A heading and the part of the document it opens.

    ``start``/``end`` are ``str`` offsets into the source; ``parent`` is the index of the
    enclosing section in ``Document.sections``.
    """

    level: int
    title: str
    start: int
    end: int
    line: int
    column: int
    parent: int | None
    byte_start: int = 0
    byte_end: int = 0


@dataclass(frozen=True, eq=True)
class Entity:
    """One extracted fact: a datetime, venue, lines-of-code figure or release.

    ``source[e.start:e.end] == e.text`` holds for the document's source text (``str``
    offsets); ``byte_start``/``byte_end`` are UTF-8 byte offsets. ``value`` is a read-only
    mapping with the kind's fields (lists inside it are tuples).
    """

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
    front_matter_key: str | None = None
    quoted: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "section", tuple(self.section))
        object.__setattr__(self, "value", _freeze(self.value))

    def __hash__(self) -> int:
        return hash((self.kind, self.byte_start, self.byte_end, self.text))

    def __reduce__(self) -> tuple[Any, ...]:
        # Mapping proxies do not pickle; rebuild from the plain value.
        return (
            Entity,
            (
                self.kind,
                self.text,
                self.start,
                self.end,
                self.line,
                self.column,
                self.section,
                _thaw(self.value),
                self.byte_start,
                self.byte_end,
                self.front_matter_key,
                self.quoted,
            ),
        )

    def __repr__(self) -> str:
        fields = ", ".join(f"{k!r}: {v!r}" for k, v in _thaw(self.value).items() if v is not None)
        return (
            f"Entity(kind={self.kind!r}, text={self.text!r}, line={self.line}, "
            f"column={self.column}, value={{{fields}}})"
        )

    def to_dict(self) -> dict[str, Any]:
        """The entity as a plain dict with ``str`` and byte offsets."""
        return {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "byte_start": self.byte_start,
            "byte_end": self.byte_end,
            "section": list(self.section),
            "value": _thaw(self.value),
        }

    @property
    def date(self) -> _dt.date | None:
        """The start day (datetimes) or release day as a ``datetime.date``.

        ``None`` when the grain is coarser than a day or the expression is unresolved.
        """
        key = "start" if self.kind == "datetime" else "date"
        return _iso_date(self.value.get(key))

    @property
    def datetime(self) -> _dt.datetime | None:
        """The start as a naive ``datetime.datetime`` when a datetime has a time of day."""
        iso = self.value.get("start") if self.kind == "datetime" else None
        if isinstance(iso, str) and "T" in iso:
            try:
                return _dt.datetime.fromisoformat(iso)
            except ValueError:
                return None
        return None

    @property
    def lines(self) -> int | None:
        """The number of lines of a ``loc`` entity."""
        value = self.value.get("lines")
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def version(self) -> str | None:
        """The version of a ``release`` entity (``None`` for an unnumbered release)."""
        value = self.value.get("version")
        return value if isinstance(value, str) else None

    @property
    def subject(self) -> str | None:
        """The project a ``loc`` figure or ``release`` is attributed to."""
        value = self.value.get("subject")
        return value if isinstance(value, str) else None


@dataclass(frozen=True)
class Related:
    """Another place that explains a diagnostic (``str`` offsets into the source)."""

    message: str
    start: int
    end: int
    line: int
    column: int
    byte_start: int
    byte_end: int


@dataclass(frozen=True)
class Diagnostic:
    """A problem the validator found: ``severity``, stable ``code``, ``message`` and where.

    ``start``/``end`` are ``str`` offsets into the source (possibly an empty range at an
    insertion point); ``line``/``column`` are 1-based.
    """

    severity: str
    code: str
    message: str
    start: int
    end: int
    line: int
    column: int
    label: str | None
    related: tuple[Related, ...] = field(default=())
    byte_start: int = 0
    byte_end: int = 0


class Document:
    """Everything rustdocs found in one Markdown document. Immutable and picklable.

    Built by :func:`rustdocs.parse`, :func:`rustdocs.parse_file` and
    :func:`rustdocs.parse_many`; in Jupyter it renders as the highlighted source.
    """

    __slots__ = ("_json", "_source", "_entity_ranges", "_section_ranges", "_diagnostic_ranges", "_cache")
    _json: str
    _source: str
    _entity_ranges: Sequence[StrRange]
    _section_ranges: Sequence[StrRange]
    _diagnostic_ranges: Sequence[DiagnosticRanges]
    _cache: dict[str, Any]

    def __init__(
        self,
        json_text: str,
        source: str,
        entity_ranges: Sequence[StrRange] = (),
        section_ranges: Sequence[StrRange] = (),
        diagnostic_ranges: Sequence[DiagnosticRanges] = (),
    ) -> None:
        set_ = object.__setattr__
        set_(self, "_json", json_text)
        set_(self, "_source", source)
        # Kept as given (never exposed, never mutated): copying them would cost a batch more
        # than the lazy JSON saves.
        set_(self, "_entity_ranges", entity_ranges)
        set_(self, "_section_ranges", section_ranges)
        set_(self, "_diagnostic_ranges", diagnostic_ranges)
        set_(self, "_cache", {})

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"rustdocs.Document is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"rustdocs.Document is immutable; cannot delete {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            Document,
            (self._json, self._source, self._entity_ranges, self._section_ranges, self._diagnostic_ranges),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return self._json == other._json and self._source == other._source

    def __hash__(self) -> int:
        return hash((self._json, self._source))

    @property
    def _data(self) -> dict[str, Any]:
        data: dict[str, Any] | None = self._cache.get("data")
        if data is None:
            data = self._cache["data"] = _json.loads(self._json)
        return data

    @property
    def source(self) -> str:
        """The analyzed Markdown text, front matter included; offsets index into it."""
        return self._source

    @property
    def path(self) -> str | None:
        """The path the document was read from, if any."""
        path: str | None = self._data["path"]
        return path

    @property
    def reference_date(self) -> _dt.date | None:
        """The day relative expressions were resolved against, or ``None``."""
        ref = self._data.get("reference")
        return _dt.date.fromisoformat(ref["date"]) if ref else None

    @property
    def reference_source(self) -> str | None:
        """Where the reference date came from: ``caller``, ``front_matter``, ``path``, ``countdown``."""
        ref = self._data.get("reference")
        return ref["source"] if ref else None

    @property
    def front_matter(self) -> dict[str, Any] | None:
        """The front matter as a fresh dict, or ``None`` when the document has none."""
        fm = self._data["front_matter"]
        return _json.loads(_json.dumps(fm["data"])) if fm else None

    @property
    def front_matter_format(self) -> str | None:
        """``"yaml"``, ``"toml"``, ``"json"`` or ``None``."""
        fm = self._data["front_matter"]
        return fm["format"] if fm else None

    @property
    def sections(self) -> tuple[Section, ...]:
        """Headings in document order."""
        sections = self._cache.get("sections")
        if sections is None:
            sections = self._cache["sections"] = tuple(
                Section(
                    level=s["level"],
                    title=s["title"],
                    start=start,
                    end=end,
                    line=s["span"]["line"],
                    column=s["span"]["column"],
                    parent=s["parent"],
                    byte_start=s["span"]["start"],
                    byte_end=s["span"]["end"],
                )
                for s, (start, end) in zip(self._data["sections"], self._section_ranges)
            )
        return sections

    @property
    def entities(self) -> tuple[Entity, ...]:
        """Every entity, sorted by position."""
        entities = self._cache.get("entities")
        if entities is None:
            entities = self._cache["entities"] = tuple(
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
                    front_matter_key=e.get("front_matter_key"),
                    quoted=bool(e.get("quoted", False)),
                )
                for e, (start, end) in zip(self._data["entities"], self._entity_ranges)
            )
        return entities

    def _of(self, kind: str) -> tuple[Entity, ...]:
        return tuple(e for e in self.entities if e.kind == kind)

    @property
    def datetimes(self) -> tuple[Entity, ...]:
        """Datetime entities."""
        return self._of("datetime")

    @property
    def venues(self) -> tuple[Entity, ...]:
        """Venue entities."""
        return self._of("venue")

    @property
    def loc(self) -> tuple[Entity, ...]:
        """Lines-of-code entities."""
        return self._of("loc")

    @property
    def releases(self) -> tuple[Entity, ...]:
        """Release entities."""
        return self._of("release")

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Problems the validator found, sorted by position."""
        diagnostics = self._cache.get("diagnostics")
        if diagnostics is None:
            out = []
            for d, (start, end, related) in zip(self._data["diagnostics"], self._diagnostic_ranges):
                out.append(
                    Diagnostic(
                        severity=d["severity"],
                        code=d["code"],
                        message=d["message"],
                        start=start,
                        end=end,
                        line=d["span"]["line"],
                        column=d["span"]["column"],
                        label=d.get("label"),
                        related=tuple(
                            Related(
                                message=r["message"],
                                start=rs,
                                end=re_,
                                line=r["span"]["line"],
                                column=r["span"]["column"],
                                byte_start=r["span"]["start"],
                                byte_end=r["span"]["end"],
                            )
                            for r, (rs, re_) in zip(d["related"], related)
                        ),
                        byte_start=d["span"]["start"],
                        byte_end=d["span"]["end"],
                    )
                )
            diagnostics = self._cache["diagnostics"] = tuple(out)
        return diagnostics

    def to_dict(self) -> dict[str, Any]:
        """A fresh dict with the structure ``rustdocs extract --format json`` prints (byte spans)."""
        return _json.loads(self._json)  # type: ignore[no-any-return]

    def to_json(self, indent: int | None = None) -> str:
        """The document as JSON text: compact (the CLI's bytes) or indented, non-ASCII kept."""
        if indent is None:
            return self._json
        return _json.dumps(self._data, ensure_ascii=False, indent=indent)

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={sum(e.kind == k for e in self.entities)}" for k in KINDS)
        return (
            f"<rustdocs.Document path={self.path!r} sections={len(self.sections)} {counts} "
            f"diagnostics={len(self._diagnostic_ranges)}>"
        )

    def _repr_html_(self) -> str:
        """The source with entities highlighted by kind and diagnostics underlined (Jupyter)."""
        from ._html import render

        return render(self)
