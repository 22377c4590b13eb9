#!/usr/bin/env bash
# Size benchmark (not a timed test): output size, wall time and peak RSS
# of one-vs-rest keyness for every speaker and of a key word in context on
# a synthetic hearing of 1,000 speakers (benches/support/many_speakers.py:
# 10 turns of 100 words each, 8.4 MB), and of the report on the same file.
# Needs python3 and GNU time (/usr/bin/time); skips, exit 0, without them.
#
# Usage: benches/each.sh
#   TRIBUNE_BIN=PATH   a tribune binary to use instead of building one
#   SPEAKERS=N         speakers (default 1000)
NAME=each
# shellcheck source=benches/common.sh
source "$(dirname "$0")/common.sh"
if [ ! -x /usr/bin/time ] || ! command -v python3 >/dev/null; then
    echo "bench each: needs /usr/bin/time and python3; skipped"
    exit 0
fi
bench_binary
python3 "$repo/benches/support/many_speakers.py" "$tmp/many.txt" "${SPEAKERS:-1000}"
echo "input: $(wc -c <"$tmp/many.txt") bytes, ${SPEAKERS:-1000} speakers"

# measure LABEL OUT CMD...: one run; prints wall time, peak RSS, output size.
measure() {
    local label=$1 out=$2
    shift 2
    /usr/bin/time -v "$@" >/dev/null 2>"$tmp/time.txt" || { cat "$tmp/time.txt" >&2; exit 1; }
    local size
    size=$(du -sb "$out" | cut -f1)
    awk -F': ' -v l="$label" -v size="$size" '
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; w = s }
        /Maximum resident set size/ { k = $2 }
        END { printf "%-40s %9.2f s %9.1f MB peak %12.1f MB written\n", l, w, k * 1024 / 1e6, size / 1e6 }' "$tmp/time.txt"
    rm -rf "$out"
}
measure "keyness each-speaker (default: top 20)" "$tmp/k.csv" "$bin" keyness "$tmp/many.txt" --target each-speaker -o "$tmp/k.csv"
measure "kwic (a frequent word, --window 50)" "$tmp/w.csv" "$bin" kwic "$tmp/many.txt" railainai --window 50 -o "$tmp/w.csv"
measure "report" "$tmp/report" "$bin" report "$tmp/many.txt" -o "$tmp/report"
