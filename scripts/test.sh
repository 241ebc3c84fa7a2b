#!/usr/bin/env bash
# Runs every check and test of rustdocs, Rust and Python, from a fresh checkout.
#
# Installs what it needs on the way: the Rust toolchain named in rust-toolchain.toml (through
# rustup, when present), cargo-deny (from crates.io, when missing), a Python virtualenv in .venv with maturin, pytest and the optional test
# tools (mypy, pandas, polars, nbclient, ipykernel, matplotlib) from PyPI, and
# the rustdocs extension built into that virtualenv. Safe to run again; reuses what exists.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}

step() { printf '\n==> %s\n' "$*"; }

step "Rust toolchain"
if command -v rustup >/dev/null 2>&1; then
  rustup show active-toolchain >/dev/null 2>&1 || rustup toolchain install
fi
cargo --version

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test"
cargo test --workspace --locked

step "cargo deny (licences, bans, sources)"
# Advisories need the RustSec database from GitHub, which these machines cannot reach; the
# other checks run offline against deny.toml. cargo-deny is built once when missing.
if ! cargo deny --version >/dev/null 2>&1; then
  cargo install cargo-deny --locked --quiet
fi
cargo deny check licenses bans sources

step "Python environment ($VENV)"
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet "maturin>=1.9,<2" "pytest>=7"
# Optional test tools: the stub check (mypy.stubtest), the DataFrame conversions and the
# headless run of examples/tour.ipynb. pytest skips those tests when a tool is missing.
"$VENV/bin/python" -m pip install --quiet "mypy>=1.10" "pandas>=1.5" "polars>=0.20" \
  "nbclient>=0.10" "nbformat>=5.9" "ipykernel>=6.29" "matplotlib>=3.7"

step "Build the extension into $VENV"
VIRTUAL_ENV="$PWD/$VENV" PATH="$PWD/$VENV/bin:$PATH" "$VENV/bin/maturin" develop --quiet

step "pytest"
"$VENV/bin/python" -m pytest -q tests/python
