#!/usr/bin/env bash
# Cost benchmark (not a timed test): wall time and peak RSS of `tribune
# speakers` on inputs whose cost was once quadratic (benches/support/
# hostile.py): a 600 KB line of brackets that never close, 100,000
# different labels, and a roster of 20,000 speakers. Each should take
# well under a second; a quadratic path takes tens of seconds.
# Needs python3 and GNU time (/usr/bin/time); skips, exit 0, without them.
#
# Usage: benches/hostile.sh
#   TRIBUNE_BIN=PATH   a tribune binary to use instead of building one
NAME=hostile
# shellcheck source=benches/common.sh
source "$(dirname "$0")/common.sh"
if [ ! -x /usr/bin/time ] || ! command -v python3 >/dev/null; then
    echo "bench hostile: needs /usr/bin/time and python3; skipped"
    exit 0
fi
bench_binary
python3 "$repo/benches/support/hostile.py" "$tmp/in"

measure() {
    local label=$1
    shift
    /usr/bin/time -v "$@" >/dev/null 2>"$tmp/time.txt" || { cat "$tmp/time.txt" >&2; exit 1; }
    awk -F': ' -v l="$label" '
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; w = s }
        /Maximum resident set size/ { k = $2 }
        END { printf "%-44s %8.2f s %8.1f MB peak\n", l, w, k * 1024 / 1e6 }' "$tmp/time.txt"
}
measure "600 KB line of unclosed brackets" "$bin" speakers "$tmp/in/brackets.txt" --format csv
measure "100,000 different labels" "$bin" speakers "$tmp/in/labels.txt" --format csv
measure "roster of 20,000 speakers" "$bin" speakers "$tmp/in/roster_labels.txt" --roster "$tmp/in/roster.toml" --format csv
