"""Every recognizer case file, run through the Python API (the Rust tests run the same files)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

import rustdocs

from conftest import ROOT

CRATES = ROOT / "crates"
VENUE_FIELDS = ("building", "floor", "room", "province", "city", "district", "street", "number", "platform")


def _char_range(text: str, byte_start: int, byte_end: int) -> tuple[int, int]:
    raw = text.encode("utf-8")
    return len(raw[:byte_start].decode("utf-8")), len(raw[:byte_end].decode("utf-8"))


def _datetime_cases() -> list[Any]:
    path = CRATES / "rustdocs-datetime/tests/cases/datetimes.jsonl"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [pytest.param(json.loads(line), id=f"dt{i}") for i, line in enumerate(lines)]


@pytest.mark.parametrize("case", _datetime_cases())
def test_datetime_case(case: dict[str, Any]) -> None:
    text = case["text"]
    ignore = [_char_range(text, s, e) for s, e in case.get("ignore") or []]
    found = rustdocs.find_datetimes(text, case.get("reference"), bool(case.get("dotted")), ignore)
    expect = case["expect"]
    assert len(found) == len(expect), [m.text for m in found]
    for m, e in zip(found, expect):
        assert text[m.start : m.end] == m.text
        for key, want in e.items():
            got = m.text if key == "text" else m.value.get(key)
            assert got == want, f"{key}: {got!r} != {want!r} in {text!r}"


def _locate_dates(text: str, dates: list[dict[str, Any]]) -> list[tuple[int, int, str | None]]:
    refs, at = [], 0
    for d in dates:
        start = text.index(d["text"], at)
        end = start + len(d["text"])
        refs.append((start, end, d.get("start")))
        at = end
    return refs


def _loc_release_cases(name: str) -> list[Any]:
    data = json.loads((CRATES / "rustdocs-loc/tests/cases" / name).read_text(encoding="utf-8"))
    return [pytest.param(c, id=c["name"]) for c in data["cases"]]


def _check_items(found: list[rustdocs.Match], expect: list[dict[str, Any]], text: str) -> None:
    assert len(found) == len(expect), [(m.text, dict(m.value)) for m in found]
    for m, e in zip(found, expect):
        assert text[m.start : m.end] == m.text
        for key, want in e.items():
            assert m.value.get(key) == want, f"{key}: {m.value.get(key)!r} != {want!r} in {text!r}"


@pytest.mark.parametrize("case", _loc_release_cases("loc.json"))
def test_loc_case(case: dict[str, Any]) -> None:
    dates = _locate_dates(case["text"], case.get("dates") or [])
    found = rustdocs.find_loc(case["text"], case.get("heading_path") or [], dates)
    _check_items(found, case["expect"], case["text"])


@pytest.mark.parametrize("case", _loc_release_cases("release.json"))
def test_release_case(case: dict[str, Any]) -> None:
    dates = _locate_dates(case["text"], case.get("dates") or [])
    found = rustdocs.find_releases(case["text"], case.get("heading_path") or [], dates)
    _check_items(found, case["expect"], case["text"])


def _venue_cases() -> list[Any]:
    params = []
    for path in sorted((CRATES / "rustdocs-venue/tests/cases").glob("*.toml")):
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            params.append(pytest.param(case, id=f"{path.stem}-{case['name']}"))
    return params


@pytest.mark.parametrize("case", _venue_cases())
def test_venue_case(case: dict[str, Any]) -> None:
    text = case["text"]
    found = rustdocs.find_venues(text)
    expect = case.get("venues", [])
    assert len(found) == len(expect), [(m.text, dict(m.value)) for m in found]
    for m, e in zip(found, expect):
        assert m.text == e["text"]
        assert text[m.start : m.end] == m.text
        for field in VENUE_FIELDS:
            assert m.value.get(field) == e.get(field), f"{field} in {text!r}"
        assert m.value.get("online", False) == e.get("online", False)


def test_matches_use_str_offsets_with_astral_characters() -> None:
    text = "😀🎉 活动时间：2023 年 4 月 8 日 14:00，地点：北京市海淀区中关村大街 27 号"
    for m in rustdocs.find_datetimes(text) + rustdocs.find_venues(text):
        assert text[m.start : m.end] == m.text
        assert text.encode()[m.byte_start : m.byte_end].decode() == m.text


def test_find_loc_and_releases_take_datetime_matches() -> None:
    text = "2020-09-23，发布 0.1.0 版本。代码量大约是 27000 行 Rust 代码。"
    dates = rustdocs.find_datetimes(text)
    releases = rustdocs.find_releases(text, ["StratoVirt （国内/开源/容器）"], dates)
    assert [(r.value["subject"], r.value["date"], r.value["version"]) for r in releases] == [
        ("StratoVirt", "2020-09-23", "0.1.0")
    ]
    loc = rustdocs.find_loc(text, ["StratoVirt （国内/开源/容器）"], dates)
    assert [(m.value["subject"], m.value["lines"], m.value["bound"]) for m in loc] == [("StratoVirt", 27000, "about")]


def test_recognizer_argument_errors() -> None:
    with pytest.raises(TypeError, match="text"):
        rustdocs.find_venues(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not inside the text"):
        rustdocs.find_loc("abc", [], [(0, 10, None)])
    with pytest.raises(ValueError, match="reference_date"):
        rustdocs.find_datetimes("今天", "tomorrow")
