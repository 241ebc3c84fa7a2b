"""Notebook view of a ``Document``: the source with entities highlighted and diagnostics underlined.

Every piece of document text (source, values, messages, path) goes through ``html.escape``
with quotes escaped, so a document containing ``<script>`` renders as text. Styles are
inline because notebook front ends strip ``<style>`` blocks from untrusted output.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from ._model import KINDS, _thaw

if TYPE_CHECKING:
    from ._model import Diagnostic, Document, Entity

COLORS = {"datetime": "#fde68a", "venue": "#bbf7d0", "loc": "#bfdbfe", "release": "#fbcfe8"}
SEVERITY_COLORS = {"error": "#dc2626", "warning": "#d97706"}
_NOTE_COLOR = "#2563eb"


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _entity_title(e: Entity) -> str:
    fields = [f"{k}: {v}" for k, v in _thaw(e.value).items() if v not in (None, [], False)]
    where = f"line {e.line}, column {e.column}"
    if e.section:
        where += " · " + " > ".join(e.section)
    return "\n".join([e.kind, *fields, where])


def _diagnostic_title(d: Diagnostic) -> str:
    lines = [f"{d.severity}[{d.code}] {d.message}"]
    if d.label:
        lines.append(d.label)
    lines.extend(f"line {r.line}: {r.message}" for r in d.related)
    return "\n".join(lines)


def _mark_open(e: Entity) -> str:
    color = COLORS.get(e.kind, "#e5e7eb")
    return (
        f'<mark class="rustdocs-{_esc(e.kind)}" style="background:{color};padding:0 1px;'
        f'border-radius:3px" title="{_esc(_entity_title(e))}">'
    )


def _diag_open(d: Diagnostic) -> str:
    color = SEVERITY_COLORS.get(d.severity, _NOTE_COLOR)
    return (
        f'<span class="rustdocs-diagnostic" style="text-decoration:underline wavy {color};'
        f'text-decoration-skip-ink:none" title="{_esc(_diagnostic_title(d))}">'
    )


def _diag_marker(d: Diagnostic) -> str:
    # An empty range (an insertion point) has no text to underline; show a marker instead.
    color = SEVERITY_COLORS.get(d.severity, _NOTE_COLOR)
    return f'<span class="rustdocs-diagnostic" style="color:{color}" title="{_esc(_diagnostic_title(d))}">⚠</span>'


def _label(kind: str) -> str:
    return (
        f'<sup class="rustdocs-label" style="font-size:0.65em;font-weight:bold;opacity:0.7;'
        f'margin-left:1px">{_esc(kind)}</sup>'
    )


def _body(source: str, entities: tuple[Entity, ...], diagnostics: tuple[Diagnostic, ...]) -> str:
    """The source cut at every entity and diagnostic boundary, each piece wrapped in the
    marks active over it, so overlapping entities still give well-nested HTML."""
    n = len(source)
    points = {0, n}
    spans: list[tuple[int, int, int, Any]] = []  # (start, end, order, item)
    for i, e in enumerate(entities):
        s, t = max(0, min(e.start, n)), max(0, min(e.end, n))
        if s < t:
            spans.append((s, t, i, e))
            points.update((s, t))
    markers: dict[int, list[Diagnostic]] = {}
    for i, d in enumerate(diagnostics):
        s, t = max(0, min(d.start, n)), max(0, min(d.end, n))
        if s < t:
            spans.append((s, t, len(entities) + i, d))
            points.update((s, t))
        else:
            markers.setdefault(s, []).append(d)
            points.add(s)
    # Outer marks first: earlier start, then longer span.
    spans.sort(key=lambda x: (x[0], -x[1], x[2]))
    cuts = sorted(points)
    out: list[str] = []
    active: list[tuple[int, int, int, Any]] = []
    k = 0
    for a, b in zip(cuts, cuts[1:] + [n]):
        out.extend(_diag_marker(d) for d in markers.get(a, ()))
        if a >= b:
            continue
        active = [x for x in active if x[1] > a]
        while k < len(spans) and spans[k][0] <= a:
            active.append(spans[k])
            k += 1
        opened = sorted(active, key=lambda x: (x[0], -x[1], x[2]))
        for _, _, order, item in opened:
            out.append(_mark_open(item) if order < len(entities) else _diag_open(item))
        out.append(_esc(source[a:b]))
        for _, _, order, _ in reversed(opened):
            out.append("</mark>" if order < len(entities) else "</span>")
        out.extend(_label(item.kind) for _, end, order, item in opened if end == b and order < len(entities))
    return "".join(out)


def render(doc: Document) -> str:
    """The HTML shown by ``Document._repr_html_``."""
    entities = doc.entities
    diagnostics = doc.diagnostics
    legend = " ".join(
        f'<mark style="background:{COLORS[k]};padding:0 4px;border-radius:3px">{k} '
        f"{sum(e.kind == k for e in entities)}</mark>"
        for k in KINDS
    )
    legend += (
        f' <span style="text-decoration:underline wavy {SEVERITY_COLORS["warning"]}">diagnostics '
        f"{len(diagnostics)}</span>"
    )
    head = [f"<strong>{_esc(doc.path) if doc.path else 'rustdocs.Document'}</strong>"]
    if doc.reference_date is not None:
        head.append(f"reference date {_esc(doc.reference_date)} ({_esc(doc.reference_source)})")
    diag_list = ""
    if diagnostics:
        items = "".join(
            f"<li><code>{d.line}:{d.column}</code> {_esc(d.severity)}[{_esc(d.code)}] {_esc(d.message)}</li>"
            for d in diagnostics
        )
        diag_list = f'<ul class="rustdocs-diagnostics" style="margin:0.3em 0;font-size:0.9em">{items}</ul>'
    return (
        '<div class="rustdocs-document">'
        f'<div class="rustdocs-header" style="margin-bottom:0.3em">{" · ".join(head)}</div>'
        f'<div class="rustdocs-legend" style="margin-bottom:0.5em">{legend}</div>'
        f"{diag_list}"
        '<div class="rustdocs-source" style="white-space:pre-wrap;line-height:1.9;max-height:40em;'
        'overflow:auto;border:1px solid #e5e7eb;padding:0.5em;font-family:inherit">'
        f"{_body(doc.source, entities, diagnostics)}</div></div>"
    )
