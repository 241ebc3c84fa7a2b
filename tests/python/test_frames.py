"""to_pandas / to_polars: one row per entity, value fields as columns, lazy optional imports."""

from __future__ import annotations

import builtins
import sys

import pytest

import rustdocs

from conftest import EXAMPLES

TEXT = (
    "# TiKV（国内/开源/分布式数据库）\n\n"
    "2017 年 10 月 16 日，TiKV 发布 1.0。代码量大约 30 万行。\n\n"
    "地点：北京市海淀区中关村大街 27 号，时间 2023 年 4 月 8 日 14:00\n"
)


@pytest.fixture(scope="module")
def docs():
    return rustdocs.parse_many([TEXT, "---\na: [\n---\n", EXAMPLES / "003_0bd08050aac06db2.md"])


def test_to_pandas_rows_and_columns(docs):
    pd = pytest.importorskip("pandas")
    df = rustdocs.to_pandas(docs)
    assert isinstance(df, pd.DataFrame)
    entities = [e for d in docs if isinstance(d, rustdocs.Document) for e in d.entities]
    assert len(df) == len(entities)
    assert list(df.columns[:11]) == [
        "document", "path", "kind", "section", "text", "start", "end", "line", "column", "byte_start", "byte_end",
    ]
    # The failed document (index 1) is skipped; indices follow the input list.
    assert set(df["document"]) == {0, 2}
    assert df.loc[df["document"] == 2, "path"].iloc[0].endswith("003_0bd08050aac06db2.md")
    first = df[df["document"] == 0]
    for row in first.itertuples():
        assert TEXT[row.start : row.end] == row.text
    dt_rows = first[first["kind"] == "datetime"]
    assert "2023-04-08T14:00" in set(dt_rows["value_start"])
    rel = rustdocs.to_pandas(docs, kind="release")
    assert set(rel["kind"]) == {"release"}
    row = rel[rel["document"] == 0].iloc[0]
    assert (row["subject"], row["version"], row["date"]) == ("TiKV", "1.0", "2017-10-16")
    assert row["section"] == "TiKV（国内/开源/分布式数据库）"
    assert "value_start" not in rel.columns and "lines" not in rel.columns
    loc = rustdocs.to_pandas(docs[0], kind="loc")
    assert list(loc["lines"]) == [300000] and list(loc["bound"]) == ["about"]


def test_to_polars_matches_pandas(docs):
    pl = pytest.importorskip("polars")
    df = rustdocs.to_polars(docs)
    assert isinstance(df, pl.DataFrame)
    assert df.height == sum(len(d.entities) for d in docs if isinstance(d, rustdocs.Document))
    rel = rustdocs.to_polars(docs, kind="release")
    assert rel.filter(pl.col("document") == 0).select("subject", "version", "date").row(0) == ("TiKV", "1.0", "2017-10-16")
    assert rel.schema["document"] == pl.Int64
    pd = pytest.importorskip("pandas")
    assert list(rustdocs.to_pandas(docs).columns) == df.columns


def test_empty_input_gives_the_base_columns():
    pd = pytest.importorskip("pandas")
    df = rustdocs.to_pandas([], kind="venue")
    assert len(df) == 0 and "path" in df.columns
    assert len(rustdocs.to_pandas(rustdocs.parse("没有实体。"))) == 0


def test_bad_arguments():
    pytest.importorskip("pandas")
    with pytest.raises(ValueError, match="kind must be one of"):
        rustdocs.to_pandas([], kind="weather")
    with pytest.raises(TypeError, match=r"docs\[0\]"):
        rustdocs.to_pandas(["text"])  # type: ignore[list-item]


@pytest.mark.parametrize(("func", "module"), [("to_pandas", "pandas"), ("to_polars", "polars")])
def test_missing_extra_names_the_extra(monkeypatch, func, module):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == module or name.startswith(module + "."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, module, raising=False)
    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(ImportError, match=rf"pip install 'rustdocs\[{module}\]'"):
        getattr(rustdocs, func)([])


def test_pandas_is_not_imported_by_rustdocs():
    import subprocess

    code = "import sys, rustdocs; rustdocs.parse('2023 年 4 月 8 日'); print('pandas' in sys.modules, 'polars' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False False"
