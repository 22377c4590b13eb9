#!/usr/bin/env bash
# Speed benchmark (not a timed test): `tribune terms --by speaker -o out.csv`
# on the White House press briefings corpus against the plain-Python
# baseline (shared/bench/py_terms.py) measured in the same run. Prints wall
# time (best of RUNS), MB/s, words/s, the speed ratio and peak RSS for both,
# and whether the issue's targets hold (>= 20x the baseline, peak RSS < 4x
# the corpus size). Skips, exit 0, when the corpus is absent.
#
# Usage: benches/terms.sh            (RUNS=3 by default)
#   TRIBUNE_BENCH_CORPUS=DIR  another corpus folder
#   TRIBUNE_BIN=PATH          a tribune binary to use instead of building one
#   RUNS=N                    repetitions of each program
NAME=terms
# shellcheck source=benches/common.sh
source "$(dirname "$0")/common.sh"
bench_corpus
baseline=$(shared_path bench/py_terms.py || true)
bench_binary

bytes=$(find "$corpus" -type f \( -name '*.txt' -o -name '*.md' \) -print0 | du -cb --files0-from=- | tail -n 1 | cut -f1)
files=$(find "$corpus" -type f \( -name '*.txt' -o -name '*.md' \) | wc -l)
words=$("$bin" speakers --format csv "$corpus" 2>/dev/null |
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "words") c = i; next } { s += $c } END { print s + 0 }')

have_time=1
[ -x /usr/bin/time ] || have_time=0

# run NAME CMD...: best wall time (s) and the peak RSS (KB) of that run.
run() {
    local name=$1
    shift
    local best="" rss=""
    for _ in $(seq "$runs"); do
        if [ "$have_time" = 1 ]; then
            /usr/bin/time -v "$@" >/dev/null 2>"$tmp/time.txt"
            local wall kb
            wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
                n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$tmp/time.txt")
            kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/time.txt")
        else
            local t0 t1
            t0=$(date +%s.%N)
            "$@" >/dev/null 2>&1
            t1=$(date +%s.%N)
            wall=$(echo "$t1 - $t0" | bc -l)
            kb=0
        fi
        if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$wall
            rss=$kb
        fi
    done
    echo "$name $best $rss"
}

echo "corpus: $corpus ($files files, $bytes bytes, $words words); best of $runs runs; $(nproc) cores"
t=$(run tribune "$bin" terms --by speaker -o "$tmp/tribune.csv" "$corpus")
echo "$t" >"$tmp/t"
if [ -n "$baseline" ] && command -v python3 >/dev/null; then
    p=$(run python python3 "$baseline" "$tmp/python.csv" "$corpus")
else
    p="python - -"
    echo "python baseline not found: ratio not measured"
fi

awk -v bytes="$bytes" -v words="$words" -v t="$t" -v p="$p" 'BEGIN {
    split(t, a, " "); split(p, b, " ");
    printf "%-8s %9s %9s %12s %10s\n", "program", "wall s", "MB/s", "words/s", "peak MB";
    printf "%-8s %9.3f %9.1f %12.0f %10.1f\n", "tribune", a[2], bytes / a[2] / 1e6, words / a[2], a[3] * 1024 / 1e6;
    if (b[2] != "-") {
        printf "%-8s %9.3f %9.1f %12.0f %10.1f\n", "python", b[2], bytes / b[2] / 1e6, words / b[2], b[3] * 1024 / 1e6;
        ratio = b[2] / a[2];
        printf "speed ratio python/tribune: %.1fx (target >= 20x): %s\n", ratio, (ratio >= 20 ? "met" : "NOT met");
    }
    peak = a[3] * 1024; limit = 4 * bytes;
    printf "peak RSS %.1f MB vs 4x corpus %.1f MB (MB = 10^6 bytes): %s\n", peak / 1e6, limit / 1e6, (peak < limit ? "met" : "NOT met");
}'
