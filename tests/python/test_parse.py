"""The core Python API: parse, Document, Entity offsets, to_dict, errors."""

import datetime as dt
import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import rustdocs

from conftest import EXAMPLES, ROOT


def test_public_names_are_exported():
    for name in rustdocs.__all__:
        assert hasattr(rustdocs, name), name
    assert issubclass(rustdocs.FrontMatterError, rustdocs.RustdocsError)
    assert issubclass(rustdocs.RustdocsError, ValueError)


def test_front_matter_and_sections(meetup_text):
    doc = rustdocs.parse(meetup_text)
    assert doc.front_matter["location"] == "中国香港"
    assert doc.front_matter["cover"] == "./cover.png"
    assert doc.front_matter_format == "yaml"
    titles = [s.title for s in doc.sections]
    assert titles[0].startswith("嘉宾及议题介绍")
    assert all(s.level == 2 for s in doc.sections)
    for s in doc.sections:
        assert meetup_text[s.start : s.end].lstrip("#").strip().startswith(s.title[:4])


def test_no_front_matter_is_none(report_text):
    doc = rustdocs.parse(report_text)
    assert doc.front_matter is None
    assert doc.front_matter_format is None
    assert doc.sections[0].title == "Rust 行业调研报告"
    assert doc.sections[0].parent is None
    child = next(s for s in doc.sections if s.title.startswith("TiKV"))
    assert doc.sections[child.parent].title == "数据服务"


def test_entity_offsets_are_python_str_offsets(meetup_text, report_text):
    for text in (meetup_text, report_text, "😀😀 前缀\n\n2023 年 4 月 8 日 14:00 在北京。\n"):
        doc = rustdocs.parse(text)
        for e in doc.entities:
            assert text[e.start : e.end] == e.text
            assert text.encode("utf-8")[e.byte_start : e.byte_end].decode("utf-8") == e.text


def test_to_dict_has_the_cli_shape(meetup_text):
    doc = rustdocs.parse(meetup_text, path="examples/000.md")
    d = doc.to_dict()
    assert set(d) >= {"path", "front_matter", "sections", "entities", "diagnostics"}
    assert d["path"] == "examples/000.md"
    assert d["front_matter"]["format"] == "yaml"
    assert json.loads(doc.to_json()) == d
    # to_dict returns a fresh copy each time.
    d["path"] = "changed"
    assert doc.to_dict()["path"] == "examples/000.md"


def test_to_dict_matches_the_cli_output(tmp_path, meetup_text):
    binary = ROOT / "target" / "debug" / "rustdocs"
    if not binary.exists():
        pytest.skip("the CLI is not built (cargo build)")
    path = tmp_path / "doc.md"
    path.write_text(meetup_text, encoding="utf-8")
    out = subprocess.run([str(binary), "extract", str(path)], capture_output=True, check=True)
    cli = json.loads(out.stdout)[0]
    assert rustdocs.parse(meetup_text, path=str(path)).to_dict() == cli


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("---\ntitle: [unclosed\n---\nbody\n", 2, None),
        ("---\ntitle: a\ntitle: b\n---\n", 3, 1),
        ("---\ntitle: never closed\n", 1, 1),
        ("+++\ntitle = \n+++\n", 2, None),
    ],
)
def test_front_matter_errors_carry_line_and_column(text, line, column):
    with pytest.raises(rustdocs.FrontMatterError) as info:
        rustdocs.parse(text, path="bad.md")
    err = info.value
    assert isinstance(err, ValueError)
    assert err.line == line
    if column is not None:
        assert err.column == column
    assert err.path == "bad.md"
    assert f"line {err.line}" in str(err)


def test_reference_date_resolves_relative_expressions():
    text = "本周六下午见。\n"
    unresolved = rustdocs.parse(text)
    assert [e.value["start"] for e in unresolved.datetimes] == [None]
    doc = rustdocs.parse(text, reference_date=dt.date(2023, 4, 5))
    assert [e.value["start"] for e in doc.datetimes] == ["2023-04-08"]
    assert doc.reference_date == dt.date(2023, 4, 5)
    assert rustdocs.parse(text, reference_date="2023-04-05").datetimes[0].date == dt.date(2023, 4, 8)


def test_front_matter_date_is_the_default_reference():
    doc = rustdocs.parse("---\ndate: 2023-04-05\n---\n\n本周六下午见。\n")
    assert doc.reference_date == dt.date(2023, 4, 5)
    assert doc.datetimes[0].value["start"] == "2023-04-08"


def test_bad_arguments_raise_type_or_value_errors():
    with pytest.raises(TypeError, match="text"):
        rustdocs.parse(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="text"):
        rustdocs.parse(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="reference_date"):
        rustdocs.parse("x", reference_date="2023-02-30")
    with pytest.raises(TypeError, match=r"texts_or_paths\[1\]"):
        rustdocs.parse_many(["ok", 3])  # type: ignore[list-item]


def test_parse_many_keeps_going_past_a_bad_document(tmp_path):
    good = tmp_path / "good.md"
    good.write_text("# 标题\n\n2021年3月10号发布。\n", encoding="utf-8")
    docs = rustdocs.parse_many(["---\na: [\n---\n", "正文", good, Path(tmp_path / "missing.md")], threads=2)
    assert isinstance(docs[0], rustdocs.FrontMatterError)
    assert docs[0].line == 2
    assert isinstance(docs[1], rustdocs.Document)
    assert isinstance(docs[2], rustdocs.Document) and docs[2].path == str(good)
    assert isinstance(docs[3], rustdocs.RustdocsError) and docs[3].path == str(tmp_path / "missing.md")


def test_parse_file_and_pickle():
    doc = rustdocs.parse_file(EXAMPLES / "000_22672fd967c890d3.md")
    assert doc.path.endswith("000_22672fd967c890d3.md")
    clone = pickle.loads(pickle.dumps(doc))
    assert clone.to_dict() == doc.to_dict()
    assert clone.entities == doc.entities
    assert len({*doc.entities}) == len(doc.entities)
    assert "rustdocs.Document" in repr(doc)


def test_module_runs_without_the_clock():
    # Same input, same output, whatever day it is: nothing reads the clock.
    code = "import rustdocs; print(rustdocs.parse('今天').to_json())"
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout for _ in range(2)}
    assert len(outs) == 1
    assert '"start":null' in outs.pop()
