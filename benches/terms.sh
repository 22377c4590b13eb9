#!/usr/bin/env bash
# Speed benchmark (not a timed test): `tribune terms --by speaker -o out.csv`
# on the White House press briefings corpus against the plain-Python
# baseline (shared/bench/py_terms.py) measured in the same run. Prints wall
# time (median of RUNS rounds, the two programs in turn), MB/s, words/s, the
# speed ratio (median of the rounds' ratios) and peak RSS for both,
# and whether the issue's targets hold (>= 20x the baseline, peak RSS < 4x
# the corpus size). Skips, exit 0, when the corpus is absent.
#
# Usage: benches/terms.sh            (RUNS=3 rounds by default)
#   TRIBUNE_BENCH_CORPUS=DIR  another corpus folder
#   TRIBUNE_BIN=PATH          a tribune binary to use instead of building one
#   RUNS=N                    rounds (one run of each program a round)
NAME=terms
# shellcheck source=benches/common.sh
source "$(dirname "$0")/common.sh"
bench_corpus
baseline=$(shared_path bench/py_terms.py || true)
bench_binary

# The month folders ($inputs), not the corpus root: the root's licence note
# is no transcript.
bytes=$(find "${inputs[@]}" -type f \( -name '*.txt' -o -name '*.md' \) -print0 | du -cb --files0-from=- | tail -n 1 | cut -f1)
files=$(find "${inputs[@]}" -type f \( -name '*.txt' -o -name '*.md' \) | wc -l)
words=$("$bin" speakers --format csv "${inputs[@]}" 2>/dev/null |
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "words") c = i; next } { s += $c } END { print s + 0 }')

have_time=1
[ -x /usr/bin/time ] || have_time=0

# once CMD...: "wall_seconds peak_rss_kb" of one run.
once() {
    if [ "$have_time" = 1 ]; then
        /usr/bin/time -v "$@" >/dev/null 2>"$tmp/time.txt"
        awk -F': ' '/Elapsed \(wall clock\)/ {
                n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; w = s }
            /Maximum resident set size/ { k = $2 }
            END { print w, k }' "$tmp/time.txt"
    else
        local t0 t1
        t0=$(date +%s.%N)
        "$@" >/dev/null 2>&1
        t1=$(date +%s.%N)
        echo "$(echo "$t1 - $t0" | bc -l) 0"
    fi
}

have_python=0
if [ -n "$baseline" ] && command -v python3 >/dev/null; then
    have_python=1
else
    echo "python baseline not found: ratio not measured"
fi

# The two programs in turn (tribune, python, tribune, python...), so that
# the machine's drift hits both alike; each round gives a ratio.
echo "corpus: $corpus ($files files, $bytes bytes, $words words); $runs rounds, the programs in turn; $(nproc) cores"
t_wall="" t_rss="" p_wall="" p_rss="" ratios=""
for _ in $(seq "$runs"); do
    read -r w k < <(once "$bin" terms --by speaker -o "$tmp/tribune.csv" "${inputs[@]}")
    t_wall="$t_wall $w" t_rss="$t_rss $k"
    if [ "$have_python" = 1 ]; then
        read -r pw pk < <(once python3 "$baseline" "$tmp/python.csv" "${inputs[@]}")
        p_wall="$p_wall $pw" p_rss="$p_rss $pk"
        ratios="$ratios $(awk -v a="$pw" -v b="$w" 'BEGIN { printf "%.3f", a / b }')"
    fi
done

min() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | head -n 1; }
max() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | tail -n 1; }

row() { # NAME WALLS RSSES
    awk -v n="$1" -v w="$(median "$2")" -v k="$(max "$3")" -v bytes="$bytes" -v words="$words" 'BEGIN {
        printf "%-8s %9.3f %9.1f %12.0f %10.1f\n", n, w, bytes / w / 1e6, words / w, k * 1024 / 1e6 }'
}
printf "%-8s %9s %9s %12s %10s\n" "program" "wall s" "MB/s" "words/s" "peak MB"
row tribune "$t_wall" "$t_rss"
[ "$have_python" = 1 ] && row python "$p_wall" "$p_rss"
echo "(wall: median of the rounds; peak: the largest of the rounds)"
if [ "$have_python" = 1 ]; then
    awk -v m="$(median "$ratios")" -v lo="$(min "$ratios")" -v hi="$(max "$ratios")" 'BEGIN {
        printf "speed ratio python/tribune: median %.1fx (rounds %.1f-%.1f) (target >= 20x): %s\n",
            m, lo, hi, (m >= 20 ? "met" : "NOT met") }'
fi
awk -v k="$(max "$t_rss")" -v bytes="$bytes" 'BEGIN {
    peak = k * 1024; limit = 4 * bytes;
    printf "peak RSS %.1f MB vs 4x corpus %.1f MB (MB = 10^6 bytes): %s\n", peak / 1e6, limit / 1e6, (peak < limit ? "met" : "NOT met");
}'
