"""The stubs tell the truth: mypy.stubtest against the built module, mypy --strict on the package."""

from __future__ import annotations

import subprocess
import sys

import pytest

import rustdocs

from conftest import ROOT

PACKAGE = ROOT / "python" / "rustdocs"


def _run(*args: str, cwd) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("mypy")
    # Run from a scratch directory so no mypy cache lands in the checkout.
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=cwd)


def test_stubtest_native_module(tmp_path):
    out = _run("mypy.stubtest", "rustdocs._native", cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr


def test_package_is_strictly_typed(tmp_path):
    out = _run("mypy", "--strict", str(PACKAGE), cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr


def test_py_typed_and_stub_ship_with_the_package():
    installed = __import__("pathlib").Path(rustdocs.__file__).parent
    assert (installed / "py.typed").exists()
    assert (installed / "_native.pyi").exists()


def test_every_public_name_has_a_docstring():
    missing = []
    for name in rustdocs.__all__:
        obj = getattr(rustdocs, name)
        if name in ("__version__", "KINDS"):
            continue
        if not (obj.__doc__ or "").strip():
            missing.append(name)
        if isinstance(obj, type):
            for attr, member in vars(obj).items():
                if attr.startswith("_") or not callable(member) and not isinstance(member, property):
                    continue
                if not (getattr(member, "__doc__", None) or "").strip():
                    missing.append(f"{name}.{attr}")
    assert not missing, missing


def test_module_docstring_example_runs():
    import doctest

    result = doctest.testmod(rustdocs, verbose=False)
    assert result.attempted >= 1 and result.failed == 0
