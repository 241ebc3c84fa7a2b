#!/usr/bin/env bash
# Checks that an optimization changed no result: builds REV (default HEAD~1) in a worktree,
# runs `rustdocs extract --format json` of both builds over the seeds, the corpus, the
# examples and every UTF-8 input of the fuzz corpora, and compares the outputs byte by byte.
#
#   bash benches/same-output.sh [REV]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rev="${1:-HEAD~1}"
work="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git -C "$root" worktree add --detach "$work/base" "$rev" >/dev/null
echo "building $rev and the working tree (release)…" >&2
(cd "$work/base" && CARGO_TARGET_DIR="$root/target-base" cargo build --quiet --release -p rustdocs-cli)
(cd "$root" && cargo build --quiet --release -p rustdocs-cli)

inputs=("$root/examples")
for d in "$root/../shared/seeds" "$root/../shared/corpus"; do
  [ -d "$d" ] && inputs+=("$d")
done
# Large documents take other paths (a body walked in pieces above 512 KiB, recognition
# beside the walk of an uncut body above 256 KiB, the CLI's streamed output above 1 MiB):
# every seed, corpus and example document concatenated, then repeated to about 3 MB.
mkdir -p "$work/large"
python3 - "$work/large/all.md" "${inputs[@]}" <<'PY'
import os, sys
out, dirs = sys.argv[1], sys.argv[2:]
texts = []
for d in dirs:
    for name in sorted(os.listdir(d)):
        if name.endswith(".md"):
            texts.append(open(os.path.join(d, name), encoding="utf-8").read())
unit = "\n\n".join(texts)
body = (unit + "\n\n") * max(1, 3_000_000 // max(1, len(unit.encode())))
open(out, "w", encoding="utf-8").write(body)
PY
# The benchmark document, the report seed repeated to about 3 MB, is walked in pieces like
# the concatenation above; with reference links throughout and their definition at its end,
# it is still cut, every piece walked knowing the labels; with a footnote definition, its
# body cannot be cut and is walked whole beside recognition.
python3 - "$work/large" "$root/examples/003_0bd08050aac06db2.md" <<'PY'
import os, sys
out, seed = sys.argv[1], sys.argv[2]
unit = open(seed, encoding="utf-8").read() + "\n\n"
body = unit * (3_000_000 // len(unit.encode()) + 1)
open(os.path.join(out, "report.md"), "w", encoding="utf-8").write(body)
linked = body.replace("Rust", "[Rust]", 500).replace("TiKV", "[TiKV][官网]", 500)
with open(os.path.join(out, "report-linked.md"), "w", encoding="utf-8") as f:
    f.write(linked + "[官网]: https://example.com\n[RUST]: https://rust-lang.org\n")
with open(os.path.join(out, "report-uncut.md"), "w", encoding="utf-8") as f:
    f.write(body + "脚注[^1]\n\n[^1]: 注\n")
PY
inputs+=("$work/large")
# Fuzz corpus files are named by hash, not .md: copy the UTF-8 ones under .md names.
mkdir -p "$work/fuzz"
if [ -d "$root/fuzz/corpus" ]; then
  python3 - "$root/fuzz/corpus" "$work/fuzz" <<'PY'
import os, sys
src, dst = sys.argv[1], sys.argv[2]
n = 0
for target in sorted(os.listdir(src)):
    for name in sorted(os.listdir(os.path.join(src, target))):
        data = open(os.path.join(src, target, name), "rb").read()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        with open(os.path.join(dst, f"{target}_{n}.md"), "w", encoding="utf-8") as f:
            f.write(text)
        n += 1
print(f"{n} fuzz-corpus documents", file=sys.stderr)
PY
  inputs+=("$work/fuzz")
fi

"$root/target-base/release/rustdocs" extract --format json "${inputs[@]}" >"$work/base.json" 2>/dev/null || true
"$root/target/release/rustdocs" extract --format json "${inputs[@]}" >"$work/new.json" 2>/dev/null || true
if cmp -s "$work/base.json" "$work/new.json"; then
  echo "same output as $rev ($(wc -c <"$work/new.json") bytes of JSON)"
else
  echo "output differs from $rev:" >&2
  diff <(python3 -m json.tool "$work/base.json") <(python3 -m json.tool "$work/new.json") | head -40 >&2
  exit 1
fi
