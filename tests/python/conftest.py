"""Shared fixtures: the example documents bundled with the repository."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def meetup_text() -> str:
    return (EXAMPLES / "000_22672fd967c890d3.md").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def report_text() -> str:
    return (EXAMPLES / "003_0bd08050aac06db2.md").read_text(encoding="utf-8")
