#!/usr/bin/env bash
# Creates benches/.venv with the peer extractors rustdocs is compared against, plus
# matplotlib for the chart. These are benchmark tools only, never project dependencies.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python="${PYTHON:-python3}"
if [ ! -x "$here/.venv/bin/python" ]; then
    "$python" -m venv "$here/.venv"
fi
pip="$here/.venv/bin/python -m pip"
$pip install --quiet --upgrade pip
# Each peer is installed on its own so one that fails to build does not stop the others;
# peers.py reports a peer that is missing instead of failing.
# recognizers-text-suite imports emoji.UNICODE_EMOJI, which emoji 2 removed: pin emoji 1.x.
for pkg in matplotlib jionlp "recognizers-text-suite emoji<2" dateparser; do
    # shellcheck disable=SC2086 # "$pkg" may name a package and a pin
    if ! $pip install --quiet $pkg; then
        echo "setup-peers: could not install $pkg; peers.py will skip it" >&2
    fi
done
# rustdocs itself, built in release mode, for python_overhead.py (and the per-call runner it
# compares with).
root="$(cd "$here/.." && pwd)"
$pip install --quiet "maturin>=1.9,<2"
(cd "$root" && VIRTUAL_ENV="$here/.venv" PATH="$here/.venv/bin:$PATH" "$here/.venv/bin/maturin" develop --release --quiet)
(cd "$root" && cargo build --quiet --profile bench -p rustdocs-benches --bin per_call)
$pip list 2>/dev/null | grep -iE '^(jionlp|recognizers-text|dateparser|matplotlib|rustdocs) ' || true
