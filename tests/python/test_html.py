"""The notebook view: highlighted entities, underlined diagnostics, everything escaped."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest

import rustdocs

HOSTILE = (
    '---\ntitle: "<img src=x onerror=alert(1)> 北京聚会"\nlocation: 中国香港\n---\n\n'
    "<script>alert('x')</script>\n\n"
    "😀 **时间：** 2023 年 4 月 8 日 14:00 <b>粗</b> & \"引号\" 'single'\n\n"
    "**地点：** 环球财讯中心 M 层 北京市西城区宣武门外大街甲 1 号 </div></mark>\n\n"
    "直播时间：2022/05/19 星期五 20:00\n"
)


class _Collector(HTMLParser):
    """Collects the text of the source box, minus kind labels and diagnostic markers, and
    the tags that were opened, to check the markup is well nested."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self.in_source = 0
        self.skip = 0
        self.titles: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.stack.append(tag)
        self.tags.append(tag)
        cls = attrs.get("class") or ""
        if "title" in attrs:
            self.titles.append(attrs["title"])
        if "rustdocs-source" in cls or self.in_source:
            self.in_source += 1
        if self.in_source and (tag == "sup" or (cls == "rustdocs-diagnostic" and "text-decoration" not in (attrs.get("style") or ""))):
            self.skip += 1

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()
        if self.skip:
            self.skip -= 1
        if self.in_source:
            self.in_source -= 1

    def handle_data(self, data):
        if self.in_source and not self.skip:
            self.text.append(data)


def _parse(markup: str) -> _Collector:
    c = _Collector()
    c.feed(markup)
    c.close()
    assert c.stack == [], "every tag is closed"
    return c


def test_document_text_is_escaped():
    doc = rustdocs.parse(HOSTILE, path="<evil>.md")
    out = doc._repr_html_()
    lowered = out.lower()
    assert "<script" not in lowered and "<img" not in lowered and "<b>" not in lowered
    assert "&lt;script&gt;" in out and "&lt;img src=x" in out and "&lt;evil&gt;.md" in out
    c = _parse(out)
    assert set(c.tags) <= {"div", "strong", "mark", "span", "sup", "ul", "li", "code"}
    # The source box holds exactly the source text: nothing lost, nothing injected.
    assert "".join(c.text) == HOSTILE


def test_entities_are_highlighted_by_kind_with_values_on_hover():
    doc = rustdocs.parse(HOSTILE)
    out = doc._repr_html_()
    for kind in rustdocs.KINDS:
        assert f">{kind} " in out  # legend entry with its count
    assert out.count('class="rustdocs-datetime"') >= 1 and out.count('class="rustdocs-venue"') >= 1
    c = _parse(out)
    assert any(t.startswith("datetime\nstart: 2023-04-08T14:00") for t in c.titles), c.titles
    assert any("city: 北京市" in t for t in c.titles)
    # One kind label per entity.
    assert out.count('<sup class="rustdocs-label"') == len(doc.entities)


def test_diagnostics_are_underlined_and_listed():
    doc = rustdocs.parse(HOSTILE)
    assert doc.diagnostics
    out = doc._repr_html_()
    assert "underline wavy" in out
    c = _parse(out)
    for d in doc.diagnostics:
        assert any(t.startswith(f"{d.severity}[{d.code}]") for t in c.titles), d.code
        assert html.escape(d.message, quote=True) in out


def test_overlapping_entities_stay_well_nested():
    text = "# TiDB\n\n2017 年 10 月 16 日，TiDB 发布 GA 版（TiDB 1.0）， TiKV 发布 1.0。\n"
    doc = rustdocs.parse(text)
    spans = sorted((e.start, e.end) for e in doc.entities)
    assert any(a[1] > b[0] for a, b in zip(spans, spans[1:])), "the example must overlap"
    c = _parse(doc._repr_html_())
    assert "".join(c.text) == text


@pytest.mark.parametrize("name", ["000_22672fd967c890d3.md", "003_0bd08050aac06db2.md"])
def test_example_documents_render_their_whole_source(name):
    from conftest import EXAMPLES

    doc = rustdocs.parse_file(EXAMPLES / name)
    c = _parse(doc._repr_html_())
    assert "".join(c.text) == doc.source


def test_an_empty_diagnostic_range_gets_a_marker():
    from rustdocs._html import _body

    source = "前文<x>后文"
    d = rustdocs.Diagnostic("warning", "some-code", "a <b> message", 2, 2, 1, 3, None)
    out = _body(source, (), (d,))
    assert out == (
        '前文<span class="rustdocs-diagnostic" style="color:#d97706" '
        'title="warning[some-code] a &lt;b&gt; message">⚠</span>&lt;x&gt;后文'
    )
