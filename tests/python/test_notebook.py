"""The example notebook executes headless from top to bottom, so it cannot rot."""

from __future__ import annotations

import pytest

from conftest import EXAMPLES

NOTEBOOK = EXAMPLES / "tour.ipynb"


def _outputs(nb, output_type=None):
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if output_type is None or out["output_type"] == output_type:
                yield out


def test_tour_notebook_executes():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(EXAMPLES)}}
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    assert not list(_outputs(nb, "error"))
    text = "".join(out.get("text", "") for out in _outputs(nb, "stream"))
    assert "documents analyzed, 0 failed" in text
    assert "error [syntax] at line 2, column 8" in text  # the batch error cell
    rich = [out["data"] for out in _outputs(nb) if "data" in out]
    assert any("rustdocs-source" in data.get("text/html", "") for data in rich), "the highlighted view"
