#!/usr/bin/env bash
# Speed benchmark (not a timed test) of the transcript parser: reading,
# decoding, segmenting into turns, resolving speakers, roles and exchanges
# and counting words, over the whole White House press briefings corpus
# (47 MB, 1,153 files):
#   tribune speakers <month folders> --format csv
# Then, as a second figure, the full report on the same corpus:
#   tribune report <month folders> -o DIR
# Release build; median wall time and peak RSS of RUNS runs (/usr/bin/time -v),
# and MB/s. Skips, exit 0, when the corpus is absent.
#
# Usage: benches/parse.sh      (RUNS=5; TRIBUNE_BIN=PATH to skip the build;
#                               TRIBUNE_BENCH_CORPUS=DIR for another corpus)
NAME=parse
RUNS=${RUNS:-5}
# shellcheck source=benches/common.sh
source "$(dirname "$0")/common.sh"
bench_corpus
if [ ! -x /usr/bin/time ]; then
    echo "bench parse: /usr/bin/time not found; skipped"
    exit 0
fi
bench_binary

bytes=$(find "${inputs[@]}" -type f \( -name '*.txt' -o -name '*.md' \) -print0 | du -cb --files0-from=- | tail -n 1 | cut -f1)
files=$(find "${inputs[@]}" -type f \( -name '*.txt' -o -name '*.md' \) | wc -l)


# measure NAME CMD...: RUNS runs after one warm-up; prints the medians.
measure() {
    local name=$1
    shift
    "$@" >/dev/null 2>&1 || true
    local walls="" rss=""
    for _ in $(seq "$runs"); do
        /usr/bin/time -v -o "$tmp/time" "$@" >/dev/null 2>&1
        walls="$walls $(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$tmp/time")"
        rss="$rss $(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/time")"
    done
    local w r
    w=$(median "$walls")
    r=$(median "$rss")
    awk -v n="$name" -v w="$w" -v r="$r" -v b="$bytes" 'BEGIN {
        printf "%-9s median wall %6.2f s   %7.1f MB/s   peak RSS %6.1f MB (%.1f x the corpus)\n",
            n, w, b / w / 1e6, r / 1024, r * 1024 / b }'
}

echo "corpus: $files files, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB; $(nproc) cores; $runs runs"
measure parse "$bin" speakers --format csv "${inputs[@]}"
rm -rf "$tmp/report"
measure report "$bin" report --force -o "$tmp/report" "${inputs[@]}"
