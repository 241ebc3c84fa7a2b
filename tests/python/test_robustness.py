"""Hostile input through the Python API: wrong types name the argument, hostile documents
never crash the interpreter, and one failing document never stops a ``parse_many`` batch.

Sizes are moderate so the file runs in seconds; the full sizes of the robustness issue run in
``crates/rustdocs/tests/robustness.rs`` (``--ignored``).
"""

from __future__ import annotations

import os
import pathlib

import pytest

import rustdocs

GOOD = "---\ntitle: 北京 Meetup\n---\n\n时间：2023年4月8日 14:00\n"


def _alias_bomb() -> str:
    lines = ["---", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n---\n正文\n"


HOSTILE = {
    "empty": "",
    "only_front_matter": "---\ntitle: 2023年4月8日\n---\n",
    "nul_and_controls": "\x00\x01 2023年\x1b[31m 4月8日\x7f\u202e\u2028\x85\n",
    "crlf": GOOD.replace("\n", "\r\n"),
    "lone_cr": GOOD.replace("\n", "\r"),
    "bom_in_the_middle": "正文\ufeff2023年\ufeff4月8日\n\ufeff# 标题\n",
    "lone_surrogate_free_astral": "𠀀𠀁 2023年4月8日 🎉\n",
    "digits": "9" * 100_000,
    "years": "2023年" * 5_000,
    "numerals": "一二三四五六七八九十百千万亿" * 3_000,
    "stars": "**" * 100_000,
    "quotes": ">" * 20_000 + " 2023年4月8日\n",
    "lists": "- " * 3_000 + "2023年4月8日\n",
}

FAILING = {
    "alias_bomb": _alias_bomb(),
    "deep_yaml": "---\na: " + "[" * 50_000 + "]" * 50_000 + "\n---\n",
    "deep_toml": "+++\na = " + "[" * 50_000 + "]" * 50_000 + "\n+++\n",
    "deep_json": '{"a":' * 50_000 + "1" + "}" * 50_000 + "\n",
    "unterminated": "---\ntitle: 北京\n\n正文\n",
}


@pytest.mark.parametrize("bad", [b"# bytes", None, 42, ["a"], bytearray(b"x")])
def test_parse_rejects_non_str_text_naming_the_argument(bad: object) -> None:
    with pytest.raises(TypeError, match="text"):
        rustdocs.parse(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [b"# bytes", None, 3.5, object()])
def test_parse_many_rejects_non_str_items_naming_the_argument_and_index(bad: object) -> None:
    with pytest.raises(TypeError, match=r"texts_or_paths\[1\]"):
        rustdocs.parse_many([GOOD, bad, GOOD])  # type: ignore[list-item]


def test_parse_many_rejects_a_non_iterable() -> None:
    with pytest.raises(TypeError):
        rustdocs.parse_many(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [b"2023-04-05", 20230405, ["2023-04-05"]])
def test_bad_reference_date_type_names_the_argument(bad: object) -> None:
    with pytest.raises(TypeError, match="reference_date"):
        rustdocs.parse(GOOD, reference_date=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [b"path.md", 7])
def test_bad_path_type_is_a_type_error(bad: object) -> None:
    # os.fspath accepts bytes; a bytes path is still not a str path for the report.
    if isinstance(bad, bytes):
        try:
            rustdocs.parse(GOOD, path=bad)  # type: ignore[arg-type]
        except TypeError:
            pass
        return
    with pytest.raises(TypeError):
        rustdocs.parse(GOOD, path=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_documents_parse_and_spans_slice_the_text(name: str) -> None:
    text = HOSTILE[name]
    doc = rustdocs.parse(text)
    for e in doc.entities:
        assert text[e.start : e.end] == e.text
    assert isinstance(doc.to_dict(), dict)


@pytest.mark.parametrize("name", sorted(FAILING))
def test_failing_front_matter_raises_a_positioned_value_error(name: str) -> None:
    with pytest.raises(rustdocs.FrontMatterError) as info:
        rustdocs.parse(FAILING[name], path=f"{name}.md")
    err = info.value
    assert isinstance(err, ValueError)
    assert err.line >= 1 and err.column >= 1
    assert err.path == f"{name}.md"


def test_parse_many_goes_on_past_failing_documents() -> None:
    items = [GOOD]
    for text in FAILING.values():
        items += [text, GOOD]
    items += list(HOSTILE.values())
    results = rustdocs.parse_many(items, threads=2)
    assert len(results) == len(items)
    for item, result in zip(items, results):
        if item in FAILING.values():
            assert isinstance(result, rustdocs.FrontMatterError), result
            assert result.line >= 1
        else:
            assert isinstance(result, rustdocs.Document), result
    goods = [r for r, i in zip(results, items) if i is GOOD]
    assert all(r.datetimes for r in goods)


def test_parse_many_goes_on_past_unreadable_and_invalid_files(tmp_path: pathlib.Path) -> None:
    good = tmp_path / "good.md"
    good.write_text(GOOD, encoding="utf-8")
    latin1 = tmp_path / "latin1.md"
    latin1.write_bytes(b"# ok\n\nabc\xe9def\n")
    missing = tmp_path / "missing.md"
    directory = tmp_path / "dir.md"
    directory.mkdir()
    results = rustdocs.parse_many([good, latin1, missing, directory, good])
    assert isinstance(results[0], rustdocs.Document)
    assert isinstance(results[-1], rustdocs.Document)
    for bad, result in zip([latin1, missing, directory], results[1:4]):
        assert isinstance(result, rustdocs.RustdocsError), result
        assert result.path == os.fspath(bad)


def test_invalid_utf8_file_names_the_byte_offset(tmp_path: pathlib.Path) -> None:
    latin1 = tmp_path / "latin1.md"
    latin1.write_bytes(b"# ok\n\nabc\xe9def\n")
    (result,) = rustdocs.parse_many([latin1])
    assert isinstance(result, rustdocs.RustdocsError)
    assert "byte 9" in str(result), str(result)
    assert (result.line, result.column) == (3, 4)


def test_document_too_large_names_the_limit() -> None:
    big = "字" * (70 * 1024 * 1024 // 3)
    with pytest.raises(rustdocs.DocumentTooLargeError) as info:
        rustdocs.parse(big)
    assert "limit" in str(info.value)
    results = rustdocs.parse_many([GOOD, big, GOOD])
    assert isinstance(results[1], rustdocs.DocumentTooLargeError)
    assert isinstance(results[0], rustdocs.Document) and isinstance(results[2], rustdocs.Document)


def test_front_matter_is_data_only() -> None:
    doc = rustdocs.parse(
        "---\nhome: ${HOME}\nb: !include /etc/passwd\nc: !!python/object/apply:os.system [x]\n---\n"
    )
    fm = doc.front_matter
    assert fm is not None
    assert fm["home"] == "${HOME}"
    assert fm["b"] == "/etc/passwd"
