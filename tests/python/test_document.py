"""Document, Entity, Section and Diagnostic objects: offsets, immutability, hashing, pickling, errors."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import pickle

import pytest

import rustdocs

# An astral emoji and CJK before every entity, so str, UTF-16 and byte offsets all differ.
MISMATCH = (
    "---\ntitle: 😀 北京聚会\nlocation: 中国香港\n---\n\n"
    "🎉🎉 **地点：** 环球财讯中心 M 层 北京市西城区宣武门外大街甲 1 号\n\n"
    "𠀋 直播时间：2022/05/19 星期五 20:00\n"
)


def _check_ranges(source: str, start: int, end: int, byte_start: int, byte_end: int) -> str:
    assert 0 <= start <= end <= len(source)
    piece = source[start:end]
    assert source.encode("utf-8")[byte_start:byte_end].decode("utf-8") == piece
    return piece


def test_diagnostics_are_typed_with_str_offsets():
    doc = rustdocs.parse(MISMATCH, path="events/meetup.md")
    codes = {d.code for d in doc.diagnostics}
    assert {"location-mismatch", "weekday-mismatch"} <= codes, codes
    for d in doc.diagnostics:
        assert isinstance(d, rustdocs.Diagnostic)
        assert d.severity in {"error", "warning", "note"}
        assert d.message
        _check_ranges(MISMATCH, d.start, d.end, d.byte_start, d.byte_end)
        # line/column of the start, counted in characters.
        before = MISMATCH[: d.start]
        assert d.line == before.count("\n") + 1
        assert d.column == len(before) - (before.rfind("\n") + 1) + 1
        for r in d.related:
            assert isinstance(r, rustdocs.Related)
            _check_ranges(MISMATCH, r.start, r.end, r.byte_start, r.byte_end)
    location = next(d for d in doc.diagnostics if d.code == "location-mismatch")
    assert MISMATCH[location.start : location.end] == "中国香港"
    assert location.related, "the venue is a related span"
    assert "北京市西城区" in MISMATCH[location.related[0].start : location.related[0].end]
    weekday = next(d for d in doc.diagnostics if d.code == "weekday-mismatch")
    assert "2022/05/19" in MISMATCH[weekday.start : weekday.end] or "星期五" in MISMATCH[weekday.start : weekday.end]
    # The typed objects and the CLI shape agree.
    raw = doc.to_dict()["diagnostics"]
    assert [(d.code, d.byte_start, d.byte_end, d.label) for d in doc.diagnostics] == [
        (r["code"], r["span"]["start"], r["span"]["end"], r["label"]) for r in raw
    ]


@pytest.mark.parametrize(
    "prefix",
    ["", "😀", "😀😀𝕏", "中文前缀，", "ｆｕｌｌ　ｗｉｄｔｈ　", "e\u0301\u200d👩‍👩‍👧", "\r\n\r\n", "\ufeff"],
)
def test_entity_and_section_offsets_with_astral_and_cjk(prefix):
    text = (
        f"{prefix}# 🦀 TiKV（国内/开源/分布式数据库）\n\n"
        f"{prefix}2017 年 10 月 16 日，TiKV 发布 1.0。代码量大约 30 万行。\n\n"
        f"地点：𠀋 北京市海淀区中关村大街 27 号，时间 2023 年 4 月 8 日 14:00\n"
    )
    doc = rustdocs.parse(text)
    kinds = {e.kind for e in doc.entities}
    assert {"datetime", "release", "loc", "venue"} <= kinds, kinds
    for e in doc.entities:
        assert _check_ranges(text, e.start, e.end, e.byte_start, e.byte_end) == e.text
        before = text[: e.start]
        assert e.line == before.replace("\r\n", "\n").count("\n") + 1
    for s in doc.sections:
        assert "TiKV" in _check_ranges(text, s.start, s.end, s.byte_start, s.byte_end)
    assert doc.source == text


def test_entity_conveniences():
    doc = rustdocs.parse(
        "# TiKV\n\n2017 年 10 月 16 日，TiKV 发布 1.0。代码量超过 55 万行。活动 2023 年 4 月 8 日 14:00 开始，2019 年发布。\n"
    )
    release = doc.releases[0]
    assert release.version == "1.0"
    assert release.subject == "TiKV"
    assert release.date == dt.date(2017, 10, 16)
    assert release.lines is None
    loc = doc.loc[0]
    assert loc.lines == 550000 and loc.version is None and loc.subject == "TiKV"
    by_text = {e.text: e for e in doc.datetimes}
    minute = next(e for e in doc.datetimes if e.value["grain"] == "minute")
    assert minute.datetime == dt.datetime(2023, 4, 8, 14, 0)
    assert minute.date == dt.date(2023, 4, 8)
    year = next(e for t, e in by_text.items() if e.value["grain"] == "year")
    assert year.date is None and year.datetime is None  # coarser than a day


def test_objects_are_frozen():
    doc = rustdocs.parse(MISMATCH)
    e = doc.entities[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.text = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        e.value["start"] = "x"  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.diagnostics[0].code = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="immutable"):
        doc.entities = ()  # type: ignore[misc]
    with pytest.raises(AttributeError, match="immutable"):
        del doc.path  # type: ignore[misc]
    # The front matter is a fresh dict each time: mutating it changes nothing.
    doc.front_matter["location"] = "changed"  # type: ignore[index]
    assert doc.front_matter["location"] == "中国香港"  # type: ignore[index]


def test_hashing_and_equality():
    a, b = rustdocs.parse(MISMATCH), rustdocs.parse(MISMATCH)
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != rustdocs.parse(MISMATCH + "\n再见。\n")
    assert a != "not a document"
    assert set(a.entities) == set(b.entities)
    assert len({*a.entities}) == len(a.entities)
    assert len({*a.diagnostics}) == len(a.diagnostics)
    assert len({*a.sections, *b.sections}) == len(a.sections)


def test_pickle_and_copy_round_trip():
    doc = rustdocs.parse(MISMATCH, path="x.md", reference_date="2022-05-01")
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        clone = pickle.loads(pickle.dumps(doc, protocol=protocol))
        assert clone == doc
        assert clone.source == doc.source
        assert clone.entities == doc.entities
        assert clone.diagnostics == doc.diagnostics
        assert clone.sections == doc.sections
        assert clone.to_json() == doc.to_json()
        assert clone._repr_html_() == doc._repr_html_()
    for obj in (*doc.entities, *doc.diagnostics, *doc.sections):
        clone = pickle.loads(pickle.dumps(obj))
        assert clone == obj and hash(clone) == hash(obj)
        assert type(clone) is type(obj)
    assert copy.deepcopy(doc) == doc
    assert copy.copy(doc.entities[0]) == doc.entities[0]


def test_reprs_are_informative():
    doc = rustdocs.parse(MISMATCH, path="x.md")
    r = repr(doc)
    assert r.startswith("<rustdocs.Document path='x.md'") and "venue=1" in r and "diagnostics=" in r
    e = doc.venues[0]
    assert repr(e).startswith("Entity(kind='venue', text='环球财讯中心")
    assert "line=6" in repr(e) and "'city': '北京市'" in repr(e)
    assert repr(doc.diagnostics[0]).startswith("Diagnostic(severity=")


def test_to_json_and_to_dict():
    doc = rustdocs.parse(MISMATCH, path="x.md")
    compact = doc.to_json()
    assert json.loads(compact) == doc.to_dict()
    pretty = doc.to_json(indent=2)
    assert json.loads(pretty) == doc.to_dict()
    assert "环球财讯中心" in pretty and "\n  " in pretty  # non-ASCII kept, indented
    d = doc.entities[0].to_dict()
    assert d["text"] == doc.entities[0].text and isinstance(d["value"], dict)


def test_reference_source():
    assert rustdocs.parse("今天。", reference_date=dt.date(2024, 1, 2)).reference_source == "caller"
    assert rustdocs.parse("---\ndate: 2023-04-05\n---\n今天\n").reference_source == "front_matter"
    assert rustdocs.parse("今天").reference_source is None
    assert rustdocs.parse("今天").reference_date is None


def test_kinds_limit_extraction():
    text = "2017 年 10 月 16 日，TiKV 发布 1.0。地点：北京市海淀区中关村大街 27 号。\n"
    only = rustdocs.parse(text, kinds=["venue"])
    assert {e.kind for e in only.entities} == {"venue"}
    assert {e.kind for e in rustdocs.parse(text, kinds="datetime").entities} == {"datetime"}
    with pytest.raises(ValueError):
        rustdocs.parse(text, kinds=["weather"])


@pytest.mark.parametrize(
    ("text", "kind", "line"),
    [
        ("---\ntitle: [unclosed\n---\nbody\n", "syntax", 2),
        ("---\ntitle: a\ntitle: b\n---\n", "duplicate-key", 3),
        ("---\ntitle: never closed\n", "unterminated", 1),
        ("---\n- a\n- b\n---\n", "not-a-mapping", None),
    ],
)
def test_front_matter_error_kind_is_a_stable_code(text, kind, line):
    with pytest.raises(rustdocs.FrontMatterError) as info:
        rustdocs.parse(text)
    err = info.value
    assert err.kind == kind
    assert err.path is None  # always present, None when unknown
    assert isinstance(err.line, int) and isinstance(err.column, int)
    if line is not None:
        assert err.line == line
    [entry] = rustdocs.parse_many([text])
    assert isinstance(entry, rustdocs.FrontMatterError)
    assert (entry.kind, entry.line, entry.column, str(entry)) == (err.kind, err.line, err.column, str(err))


def test_exceptions_have_attributes_and_pickle():
    bare = rustdocs.FrontMatterError("made by hand")
    assert (bare.line, bare.column, bare.path, bare.kind) == (None, None, None, None)
    assert rustdocs.RustdocsError("x").kind is None
    assert rustdocs.FrontMatterError.__module__ == "rustdocs"
    with pytest.raises(rustdocs.FrontMatterError) as info:
        rustdocs.parse("---\na: [\n---\n", path="p.md")
    clone = pickle.loads(pickle.dumps(info.value))
    assert type(clone) is rustdocs.FrontMatterError
    assert (clone.line, clone.column, clone.path, clone.kind, str(clone)) == (
        info.value.line,
        info.value.column,
        "p.md",
        "syntax",
        str(info.value),
    )
    assert issubclass(rustdocs.DocumentTooLargeError, rustdocs.RustdocsError)


def test_empty_and_whitespace_documents():
    for text in ("", "\n", "   ", "\ufeff"):
        doc = rustdocs.parse(text)
        assert doc.entities == () and doc.sections == () and doc.front_matter is None
        assert doc.source == text
        assert "rustdocs-source" in doc._repr_html_()


def test_a_document_over_the_size_limit_is_refused():
    big = "a" * (64 * 1024 * 1024 + 1)
    with pytest.raises(rustdocs.DocumentTooLargeError, match="more than the limit") as info:
        rustdocs.parse(big, path="big.md")
    assert isinstance(info.value, rustdocs.RustdocsError) and isinstance(info.value, ValueError)
    assert (info.value.path, info.value.line, info.value.kind) == ("big.md", None, None)
    [entry] = rustdocs.parse_many([big])
    assert isinstance(entry, rustdocs.DocumentTooLargeError)
